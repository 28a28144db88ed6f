package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every item of the notation, with planned dice so each result is known exactly. */
class NotationTest {
  private final Dice dice = new Dice();

  private RollResult roll(String expr, int... faces) {
    Scripted s = Scripted.faces(faces);
    RollResult r = dice.parse(expr).roll(s, SavedRolls.NONE);
    assertThat(s.used()).as("dice used by " + expr).isEqualTo(faces.length);
    return r;
  }

  private double total(String expr, int... faces) {
    return roll(expr, faces).total();
  }

  private static List<Long> values(RollResult r) {
    return r.dice().stream().map(DieRoll::value).toList();
  }

  @Test
  void basicDice() {
    assertThat(total("3d6", 1, 2, 6)).isEqualTo(9);
    assertThat(total("d20", 17)).isEqualTo(17);
    assertThat(total("1D20", 17)).isEqualTo(17);
    assertThat(total("d%", 73)).isEqualTo(73);
    assertThat(roll("d%", 100).dice().get(0).sides()).isEqualTo(100);
  }

  @Test
  void fudgeDice() {
    assertThat(total("4dF", -1, 0, 1, 1)).isEqualTo(1);
    assertThat(total("dF", -1)).isEqualTo(-1);
    assertThat(roll("4dF", 0, 0, 0, 0).dice()).allMatch(d -> d.sides() == 0);
  }

  @Test
  void fudgeVariantOneHasOneMinusOneFourBlanksOnePlusOne() {
    // dF.1 draws 0..5 from a d6-like bound: 0 -> -1, 5 -> +1, the rest blank
    RandomSource fixed = bound -> bound - 1;
    assertThat(dice.parse("dF.1").roll(fixed).total()).isEqualTo(1);
    assertThat(dice.parse("dF.1").roll(bound -> 0).total()).isEqualTo(-1);
    assertThat(dice.parse("dF.1").roll(bound -> 2).total()).isEqualTo(0);
    assertThat(dice.parse("dF.2").roll(bound -> 0).total()).isEqualTo(-1);
  }

  @Test
  void countsAndSidesMayBeExpressions() {
    RollResult r = roll("(1d4)d6", 3, 6, 5, 4);
    assertThat(r.total()).isEqualTo(15);
    assertThat(values(r)).containsExactly(3L, 6L, 5L, 4L);
    RollResult s = roll("3d(2+4)", 6, 6, 1);
    assertThat(s.total()).isEqualTo(13);
    assertThat(s.dice()).allMatch(d -> d.sides() == 6);
  }

  @Test
  void keepAndDrop() {
    assertThat(total("4d6kh3", 4, 4, 6, 3)).isEqualTo(14);
    assertThat(total("4d6k3", 4, 4, 6, 3)).isEqualTo(14);
    assertThat(total("4d6kl1", 4, 4, 6, 3)).isEqualTo(3);
    assertThat(total("4d6dl1", 4, 4, 6, 3)).isEqualTo(14);
    assertThat(total("4d6d1", 4, 4, 6, 3)).isEqualTo(14);
    assertThat(total("4d6dh1", 4, 4, 6, 3)).isEqualTo(11);
    assertThat(total("2d20kh", 4, 17)).isEqualTo(17);
    assertThat(total("2d20kl", 4, 17)).isEqualTo(4);
  }

  @Test
  void avraeDropAliases() {
    assertThat(total("4d6p1", 4, 4, 6, 3)).isEqualTo(14);
    assertThat(total("4d6pl1", 4, 4, 6, 3)).isEqualTo(14);
    assertThat(total("4d6ph1", 4, 4, 6, 3)).isEqualTo(11);
  }

  @Test
  void keepOnGroupsActsOnMemberTotals() {
    assertThat(total("{4d6, 3d8}kh1", 1, 1, 1, 1, 8, 8, 8)).isEqualTo(24);
    assertThat(total("{4d6, 3d8}kl1", 1, 1, 1, 1, 8, 8, 8)).isEqualTo(4);
    assertThat(total("{1d20+5, 10}", 3)).isEqualTo(18);
  }

  @Test
  void explodingCompoundingPenetrating() {
    RollResult e = roll("3d6!", 6, 6, 2, 3, 1);
    assertThat(e.total()).isEqualTo(18);
    assertThat(values(e)).containsExactly(6L, 6L, 2L, 3L, 1L);
    assertThat(e.dice().get(0).has(DieMark.EXPLODED)).isTrue();
    assertThat(e.dice().get(2).has(DieMark.EXPLODED)).isFalse();

    RollResult c = roll("2d6!!", 6, 6, 2, 3);
    assertThat(c.total()).isEqualTo(17);
    assertThat(values(c)).containsExactly(14L, 3L);
    assertThat(c.dice().get(0).has(DieMark.COMPOUNDED)).isTrue();

    RollResult p = roll("1d6!p", 6, 6, 3);
    assertThat(values(p)).containsExactly(6L, 5L, 2L);
    assertThat(p.total()).isEqualTo(13);
    assertThat(p.dice().get(1).has(DieMark.PENETRATED)).isTrue();
  }

  @Test
  void explodeComparePoints() {
    assertThat(total("1d10!>8", 9, 10, 3)).isEqualTo(22);
    assertThat(total("1d10!>=8", 8, 3)).isEqualTo(11);
    assertThat(total("1d10!>8", 8)).isEqualTo(8); // > is strict
    assertThat(total("1d6!<2", 1, 1, 5)).isEqualTo(7);
    assertThat(total("1d6!=6", 6, 2)).isEqualTo(8);
    assertThat(total("1d6e6", 6, 2)).isEqualTo(8);
    assertThat(total("1d6e>4", 5, 2)).isEqualTo(7);
  }

  @Test
  void rerollUntilAndOnce() {
    RollResult r = roll("1d6r", 1, 1, 4);
    assertThat(r.total()).isEqualTo(4);
    assertThat(r.dice()).extracting(d -> d.has(DieMark.REROLLED)).containsExactly(true, true, false);
    assertThat(total("1d6r<3", 2, 1, 3)).isEqualTo(3);
    assertThat(total("1d6rr1", 1, 2)).isEqualTo(2);
    assertThat(total("1d6ro1", 1, 1)).isEqualTo(1); // once: keeps the second 1
    assertThat(total("1d6ro<3", 2, 5)).isEqualTo(5);
    assertThat(total("1d6r1r2", 1, 2, 5)).isEqualTo(5);
    assertThat(total("1dFr", -1, 0)).isEqualTo(0); // r alone rerolls the lowest face
  }

  @Test
  void successesAndFailures() {
    assertThat(total("5d10>7", 8, 7, 10, 1, 3)).isEqualTo(2);
    assertThat(total("5d10>=7", 8, 7, 10, 1, 3)).isEqualTo(3);
    assertThat(total("5d10<3", 8, 7, 10, 1, 2)).isEqualTo(2);
    assertThat(total("5d10<=3", 8, 3, 10, 1, 2)).isEqualTo(3);
    assertThat(total("5d10=10", 10, 3, 10, 1, 2)).isEqualTo(2);
    assertThat(total("5d10>=7f1", 8, 7, 10, 1, 1)).isEqualTo(1);
    assertThat(total("5d10>=7f<=2", 8, 7, 10, 1, 2)).isEqualTo(1);
    assertThat(total("5d10>=8>=1f1", 8, 7, 10, 1, 2)).isEqualTo(4); // repeatable: either compare point
    assertThat(total("5d10>=7t10", 8, 7, 10, 1, 2)).isEqualTo(4);
    assertThat(total("{1d20, 1d20, 1d20}>10", 11, 10, 20)).isEqualTo(2);
  }

  @Test
  void clampsSortUniqueCrits() {
    RollResult min = roll("4d6min3", 1, 2, 5, 3);
    assertThat(values(min)).containsExactly(3L, 3L, 5L, 3L);
    assertThat(min.dice().get(0).has(DieMark.CLAMPED_MIN)).isTrue();
    assertThat(min.dice().get(3).has(DieMark.CLAMPED_MIN)).isFalse();
    assertThat(total("4d6mi3", 1, 2, 5, 3)).isEqualTo(14);
    assertThat(total("4d6max4", 1, 2, 5, 6)).isEqualTo(11);
    assertThat(total("4d6ma4", 1, 2, 5, 6)).isEqualTo(11);

    assertThat(values(roll("4d6s", 5, 1, 6, 2))).containsExactly(1L, 2L, 5L, 6L);
    assertThat(values(roll("4d6sa", 5, 1, 6, 2))).containsExactly(1L, 2L, 5L, 6L);
    assertThat(values(roll("4d6sd", 5, 1, 6, 2))).containsExactly(6L, 5L, 2L, 1L);

    RollResult u = roll("3d6u", 2, 2, 2, 5, 3);
    assertThat(u.total()).isEqualTo(10);
    assertThat(u.dice().stream().filter(DieRoll::counted).map(DieRoll::value)).containsExactly(2L, 5L, 3L);
    assertThat(total("3d6uo", 2, 2, 2, 2, 2)).isEqualTo(6); // each duplicate rerolled once

    RollResult cs = roll("1d20cs>=19", 19);
    assertThat(cs.dice().get(0).has(DieMark.CRITICAL_SUCCESS)).isTrue();
    assertThat(roll("1d20cs>=19", 20).dice().get(0).has(DieMark.CRITICAL_SUCCESS)).isTrue();
    assertThat(roll("1d20cf<=2", 2).dice().get(0).has(DieMark.CRITICAL_FAILURE)).isTrue();
    assertThat(roll("1d20", 20).dice().get(0).has(DieMark.CRITICAL_SUCCESS)).isTrue();
    assertThat(roll("1d20", 1).dice().get(0).has(DieMark.CRITICAL_FAILURE)).isTrue();
    assertThat(total("1d20cs>=19", 19)).isEqualTo(19); // display only
  }

  @Test
  void arithmeticAndPrecedence() {
    assertThat(total("1+2*3")).isEqualTo(7);
    assertThat(total("(1+2)*3")).isEqualTo(9);
    assertThat(total("15/2")).isEqualTo(7.5);
    assertThat(total("7%3")).isEqualTo(1);
    assertThat(total("2^3^2")).isEqualTo(512);
    assertThat(total("2**3")).isEqualTo(8);
    assertThat(total("-2^2")).isEqualTo(-4);
    assertThat(total("2^-1")).isEqualTo(0.5);
    assertThat(total("--3")).isEqualTo(3);
    assertThat(total("-1d6+10", 4)).isEqualTo(6);
    assertThat(total("10-2-3")).isEqualTo(5);
    assertThat(total("1.5*2")).isEqualTo(3);
    assertThat(total(" 1d20 + 5 ", 12)).isEqualTo(17);
  }

  @Test
  void functions() {
    assertThat(total("floor(7/2)")).isEqualTo(3);
    assertThat(total("ceil(7/2)")).isEqualTo(4);
    assertThat(total("round(2.5)")).isEqualTo(3);
    assertThat(total("round(-2.5)")).isEqualTo(-2);
    assertThat(total("round(2.4)")).isEqualTo(2);
    assertThat(total("abs(-3)")).isEqualTo(3);
    assertThat(total("min(4, 2, 9)")).isEqualTo(2);
    assertThat(total("max(1d4, 2, 3)", 4)).isEqualTo(4);
    assertThat(total("max(2, 3)")).isEqualTo(3);
    assertThat(total("sqrt(16)")).isEqualTo(4);
    assertThat(total("pow(2, 10)")).isEqualTo(1024);
    assertThat(total("FLOOR(2.5)")).isEqualTo(2);
  }

  @Test
  void labelsAndComments() {
    RollResult r = roll("3d6 [fire] + 1d4 [cold] # big hit", 1, 2, 3, 4);
    assertThat(r.total()).isEqualTo(10);
    assertThat(r.comment()).isEqualTo("big hit");
    assertThat(r.expression()).isEqualTo("3d6 [fire] + 1d4 [cold]");
    assertThat(r.plain()).isEqualTo("3d6 (1, 2, 3) [fire] + 1d4 (4) [cold] = 10 — big hit");
  }

  @Test
  void repeat() {
    RollResult r = roll("repeat(1d6, 3)", 1, 2, 3);
    assertThat(r.total()).isEqualTo(6);
    assertThat(r.plain()).isEqualTo("1d6 (1) = 1\n1d6 (2) = 2\n1d6 (3) = 3");
    assertThat(roll("repeat(1d6, 3, brief)", 1, 2, 3).plain()).isEqualTo("1, 2, 3");
    assertThat(roll("repeat(1d6, 2, list)", 1, 2).plain()).isEqualTo("1\n2");
    assertThat(roll("repeat(2d6, 2, short)", 1, 2, 3, 4).plain()).isEqualTo("1, 2 → 3; 3, 4 → 7");
    assertThat(roll("repeat(1d6, 2, sum)", 1, 2).plain()).isEqualTo("1d6 (1) = 1\n1d6 (2) = 2\nSum = 3");
    assertThat(roll("repeat(1d6, 2, short sum)", 1, 2).plain()).isEqualTo("1 → 1; 2 → 2; sum = 3");
    assertThat(total("repeat(1d6, 1d2)", 2, 5, 6)).isEqualTo(11);
    assertThatThrownBy(() -> dice.parse("repeat(1d6, 2, loud)")).isInstanceOf(DiceException.class)
        .hasMessageContaining("brief, short, list, sum or short sum");
  }

  @Test
  void decimalsKept() {
    assertThat(dice.parse("15/2").roll().totalText()).isEqualTo("7.5");
    assertThat(dice.parse("0.1+0.2").roll().totalText()).isEqualTo("0.3");
    assertThat(dice.parse("15/2").roll().totalNumber()).isEqualTo(7.5);
    assertThat(dice.parse("14/2").roll().totalNumber()).isEqualTo(7L);
  }
}
