package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exact odds of the mechanics that need more than convolution (keep/drop on exploding dice, unique
 * dice, groups keeping individual dice, saved rolls), each checked against a brute-force
 * enumeration of the roller itself ({@link Enumerated}), so odds and roller cannot drift apart.
 */
class ExactOddsTest {
  private final Dice dice = new Dice();

  /** Every total the roller can give has the enumerated probability, up to the mass the enumeration left out. */
  private static void assertSameOdds(String expr, Distribution d, Enumerated e) {
    assertThat(e.errors).as(expr + ": roller errors").isZero();
    double tolerance = e.leftOut + 1e-12;
    for (Map.Entry<Double, Double> entry : e.pmf.entrySet()) {
      assertThat(d.probabilityOf(entry.getKey())).as(expr + " P(" + entry.getKey() + ")").isCloseTo(entry.getValue(), within(tolerance));
    }
    for (int i = 0; i < d.size(); i++) {
      double enumerated = e.pmf.getOrDefault(d.value(i), 0.0);
      assertThat(d.probability(i)).as(expr + " P(" + d.value(i) + ") beyond the roller's").isLessThanOrEqualTo(enumerated + tolerance);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // unique dice: rerolled until new (u), once (uo), only some faces (u>2), with clamps, rerolls, keep/drop
    "3d4u, 16, true", "3d4uo, 6, true", "3d4u>2, 16, true", "3d4ukh2, 16, true", "2d4min2u, 16, true",
    "3d4ro1uo, 9, true", "2dFu, 16, true", "3d3u=1, 16, true", "3d4u>=3>=3, 16, true",
    // keep/drop on exploding and penetrating dice: every explosion is a die of its own
    "2d4!kh1, 14, false", "3d4!dl1, 12, false", "2d4!pkh1, 14, false", "2d6!>5kl1, 14, false",
    "3d4!>=4>=3kh2, 12, false", "2d4!!kh1, 14, false", "2d4r1!kh1, 14, false",
    // a single-member group keeps or drops individual dice
    "{2d4+1d6}k2, 3, true", "{2d4-1d4}kh2, 3, true", "{3d4}kl1, 3, true", "{2d4+3}dl1, 2, true",
    "{2*2d4+1d6}k1, 3, true", "{2d4+1d4}k2>=6, 3, true", "{(1d2)d4+1d4}kh2, 4, true",
    "'{1d4+{1d4,1d6}kh1}k1', 3, true", "{2d4/2+1d4}kh2, 3, true", "{1d4+1d4!}k1, 14, false", "{1d4-1d6!p}kh1, 14, false",
    "'{repeat(1d4, 3)}dh1', 3, true", "{1d6+1d4+1d4}dl1dh1, 3, true",
    // several members still keep whole totals
    "'{1d4,1d6}kh1', 2, true", "'{1d4+1d4, 1d6}kl1', 3, true",
  })
  void oddsMatchTheEnumeratedRoller(String expr, int maxCalls, boolean exact) {
    Distribution d = dice.distribution(expr);
    Enumerated e = Enumerated.of(expr, maxCalls);
    assertSameOdds(expr, d, e);
    assertThat(d.exact()).as(expr + " exact").isEqualTo(exact);
    if (exact) assertThat(e.leftOut).as(expr + ": the enumeration was complete").isLessThan(1e-3);
  }

  @Test
  void savedRollsResolveThroughTheRollersInterface() {
    SavedRolls saved = SavedRolls.of(Map.of("atk", "2d4kh1 + $bonus", "bonus", "1d2", "dmg", "{$bonus + 1d4}k1"));
    for (String expr : new String[] {"$atk", "$atk * 2 - 1d4", "$dmg", "{$bonus + 1d3}kh1"}) {
      DiceExpression e = dice.parse(expr);
      assertSameOdds(expr, e.distribution(saved), Enumerated.of(e, saved, 6));
    }
    assertThat(dice.distribution("$bonus", saved).mean()).isEqualTo(1.5);
  }

  @Test
  void savedRollCyclesAndUnknownNamesAreErrorsAsWhenRolling() {
    SavedRolls saved = SavedRolls.of(Map.of("a", "1d6 + $b", "b", "$a", "bad", "2d"));
    assertThatThrownBy(() -> dice.distribution("1 + $a", saved)).isInstanceOf(DiceException.class)
        .hasMessageContaining("refers to itself ($a -> $b -> $a)");
    assertThatThrownBy(() -> dice.distribution("$zz", saved)).hasMessageContaining("no saved roll named $zz");
    assertThatThrownBy(() -> dice.distribution("$bad", saved)).hasMessageContaining("saved roll $bad is not a valid expression");
    DiceLimits shallow = DiceLimits.DEFAULTS.withMaxSavedRollDepth(2);
    SavedRolls chain = SavedRolls.of(Map.of("x", "$y", "y", "$z", "z", "1d4"));
    assertThatThrownBy(() -> new Dice(shallow).distribution("$x", chain)).hasMessageContaining("nest deeper than 2");
  }

  @Test
  void minAndMaxAreTheSupportBoundsEvenWhenTheirOddsUnderflow() {
    Distribution big = dice.distribution("1000d6");
    assertThat(big.min()).isEqualTo(1000);
    assertThat(big.max()).isEqualTo(6000);
    assertThat(big.probabilityOf(1000)).isZero(); // 6^-1000 is below the smallest double
    assertThat(big.unboundedAbove()).isFalse();
    Distribution negated = dice.distribution("-1000d6 + 10");
    assertThat(negated.min()).isEqualTo(-5990);
    assertThat(negated.max()).isEqualTo(-990);
    Distribution kept = dice.distribution("400d6kh399");
    assertThat(kept.min()).isEqualTo(399);
    assertThat(kept.max()).isEqualTo(399 * 6);
    assertThat(dice.distribution("1000d6 * 2").min()).isEqualTo(2000);
    assertThat(dice.distribution("max(1000d6, 3)").min()).isEqualTo(1000);
  }

  @Test
  void unboundedMechanicsSaySoAndKeepTheirFiniteBound() {
    Distribution exploding = dice.distribution("10d10!>8");
    assertThat(exploding.min()).isEqualTo(10);
    assertThat(exploding.unboundedAbove()).isTrue();
    assertThat(exploding.max()).isEqualTo(exploding.value(exploding.size() - 1));
    Distribution keptThree = dice.distribution("4d6!kh3");
    assertThat(keptThree.unboundedAbove()).isFalse(); // three dice of at most 6, however many explode
    assertThat(keptThree.max()).isEqualTo(18);
    assertThat(dice.distribution("4d6!dl1").unboundedAbove()).isTrue();
    assertThat(dice.distribution("-2d6!").unboundedBelow()).isTrue();
  }

  @Test
  void keepHighestThreeOfExplodingFourD6() {
    Distribution d = dice.distribution("4d6!kh3");
    assertThat(d.exact()).isFalse();
    assertThat(d.cutOffMass()).isLessThan(Distribution.CUT_OFF);
    // at least three sixes among the dice rolled: 18; no six at all: the plain 4d5kh3 case
    double noSix = Math.pow(5.0 / 6, 4);
    assertThat(d.probabilityOf(3)).isCloseTo(1.0 / 1296, within(1e-15));
    double total = 0;
    for (int i = 0; i < d.size(); i++) total += d.probability(i);
    assertThat(total).isCloseTo(1, within(1e-9));
    Distribution plain = dice.distribution("4d5kh3");
    assertThat(d.probabilityAtLeast(0) - d.probabilityAtLeast(16)).isGreaterThanOrEqualTo(noSix * (1 - plain.probabilityAtLeast(16)) - 1e-12);
  }

  @Test
  void plainUniqueDiceAreAUniformSetOfDistinctFaces() {
    Distribution d = dice.distribution("20d100u");
    assertThat(d.exact()).isTrue();
    assertThat(d.mean()).isCloseTo(20 * 101 / 2.0, within(1e-9));
    assertThat(d.min()).isEqualTo(210); // 1 + ... + 20
    assertThat(d.max()).isEqualTo(1810); // 81 + ... + 100
    // the smallest total needs exactly the set {1..20}: one set among C(100, 20)
    assertThat(d.probabilityOf(210)).isCloseTo(1 / 5.3598337040381e20, within(1e-30));
    assertThat(dice.distribution("3d6u").probabilityOf(6)).isCloseTo(1.0 / 20, within(1e-15));
  }

  @Test
  void uniqueDiceBeyondTheStateBudgetAreRefusedByName() {
    assertThatThrownBy(() -> dice.distribution("14d40u>1")).isInstanceOf(DiceException.class)
        .hasMessageContaining("need more than 20000 states");
    // the roller can get stuck here (every face shown, one more die to make unique): refused, not wrong
    assertThatThrownBy(() -> dice.distribution("4d3u=1")).hasMessageContaining("run out of new faces");
  }

  @Test
  void groupKeepsTheHighestDiceOfItsSingleMember() {
    // {4d6+3d8}k4 keeps the highest 4 of the 7 dice; rolled 6 4 1 3 | 5 7 1
    RollResult r = dice.parse("{4d6+3d8}k4").roll(Scripted.faces(6, 4, 1, 3, 5, 7, 1));
    assertThat(r.total()).isEqualTo(22);
    assertThat(r.markdown()).isEqualTo("{4d6 (**6**, 4, ~~**1**~~, ~~3~~) + 3d8 (5, 7, ~~**1**~~)}k4 = `22`");
    assertThat(r.plain()).isEqualTo("{4d6 (6, 4, 1d, 3d) + 3d8 (5, 7, 1d)}k4 = 22");
    assertThat(r.dice()).filteredOn(x -> x.marks().contains(DieMark.DROPPED)).hasSize(3);
    // several members: whole totals, as before
    RollResult members = dice.parse("{4d6, 3d8}kh1").roll(Scripted.faces(6, 4, 1, 3, 5, 7, 1));
    assertThat(members.total()).isEqualTo(14);
    assertThat(members.markdown()).contains("(14, ~~13~~)");
  }

  @Test
  void groupKeepWorksOutTheMemberAgainWithoutTheDroppedDice() {
    // rpg-dice-roller's example: {4d10*(2+5d6)}k2 keeps 8 and 6 -> 8 * (2 + 6)
    RollResult r = dice.parse("{4d10*(2+5d6)}k2").roll(Scripted.faces(8, 1, 4, 1, 1, 6, 1, 5, 3));
    assertThat(r.total()).isEqualTo(64);
    // a subtracted die ranks by the face it shows; among equal faces the earlier die ranks lower
    assertThat(dice.parse("{2d4-1d4}kh2").roll(Scripted.faces(3, 1, 3)).total()).isEqualTo(0);
    assertThat(dice.parse("{2d4-1d4}kh2").roll(Scripted.faces(1, 3, 4)).total()).isEqualTo(-1);
    // success counting on a single member still looks at its total
    assertThat(dice.parse("{3d6+5}>=15").roll(Scripted.faces(6, 2, 2)).total()).isEqualTo(1);
  }

  @Test
  void repeatInsideAGroupShowsEachRollAsTheGroupLeftIt() {
    RollResult r = dice.parse("{repeat(1d4+1, 2, short)}kh1").roll(Scripted.faces(2, 4));
    assertThat(r.total()).isEqualTo(6); // the 2 is dropped: (0 + 1) + (4 + 1)
    assertThat(r.plain()).isEqualTo("{2d → 1; 4 → 5}kh1 = 6");
  }

  @Test
  void aLoneMembersDiceAreSortedTermByTerm() {
    RollResult r = dice.parse("{4d6+4}s").roll(Scripted.faces(4, 3, 5, 1));
    assertThat(r.plain()).isEqualTo("{4d6 (1, 3, 4, 5) + 4}s = 17");
    RollResult down = dice.parse("{2d6+2d8}sd").roll(Scripted.faces(2, 5, 1, 8));
    assertThat(down.plain()).isEqualTo("{2d6 (5, 2) + 2d8 (8, 1)}sd = 16");
    // several members: the totals are sorted, the members' dice stay as rolled
    assertThat(dice.parse("{2d6, 1d4}sa").roll(Scripted.faces(6, 5, 2)).plain()).isEqualTo("{2d6 (6, 5), 1d4 (2)}sa (2, 11) = 13");
  }

  @Test
  void keepLowestDropsTheLaterOfEqualDice() {
    RollResult r = dice.parse("2d20kl1").roll(Scripted.faces(14, 14));
    assertThat(r.markdown()).isEqualTo("2d20kl1 (14, ~~14~~) = `14`");
  }
}
