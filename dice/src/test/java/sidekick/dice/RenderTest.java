package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exact Markdown and plain renderings. */
class RenderTest {
  private final Dice dice = new Dice();

  private RollResult roll(String expr, int... faces) {
    return dice.parse(expr).roll(Scripted.faces(faces), SavedRolls.NONE);
  }

  @Test
  void theContractExample() {
    RollResult r = roll("4d6kh3", 4, 4, 6, 3);
    assertThat(r.markdown()).isEqualTo("4d6kh3 (4, 4, **6**, ~~3~~) = `14`");
    assertThat(r.plain()).isEqualTo("4d6kh3 (4, 4, 6, 3d) = 14");
  }

  @Test
  void naturalMaxAndOneAreBold() {
    assertThat(roll("2d20+5", 20, 1).markdown()).isEqualTo("2d20 (**20**, **1**) + 5 = `26`");
  }

  @Test
  void rerolledAndExplodedAreMarked() {
    assertThat(roll("2d6r1", 1, 3, 6).markdown()).isEqualTo("2d6r1 (~~1~~, 3, **6**) = `9`");
    assertThat(roll("2d6!", 6, 2, 3).markdown()).isEqualTo("2d6! (**6**!, 2, 3) = `11`");
    assertThat(roll("1d6!!", 6, 2).markdown()).isEqualTo("1d6!! (**8**!!) = `8`");
    assertThat(roll("1d6!p", 6, 2).plain()).isEqualTo("1d6!p (6!, 1p) = 7");
    assertThat(roll("2d6r1", 1, 3, 6).plain()).isEqualTo("2d6r1 (1r, 3, 6) = 9");
  }

  @Test
  void successesAndFailuresAreMarked() {
    assertThat(roll("3d10>=7f1", 7, 1, 5).markdown()).isEqualTo("3d10>=7f1 (7\\*, **1**\\_, 5) = `0`");
    assertThat(roll("3d10>=7f1", 7, 1, 5).plain()).isEqualTo("3d10>=7f1 (7*, 1_, 5) = 0");
  }

  @Test
  void groupsShowMemberTotals() {
    assertThat(roll("{1d6, 1d8}kh1", 2, 5).plain()).isEqualTo("{1d6 (2), 1d8 (5)}kh1 (2d, 5) = 5");
  }

  @Test
  void userTextIsEscapedInMarkdown() {
    RollResult r = roll("1d4 [*bold*] # ~~x~~", 2);
    assertThat(r.markdown()).isEqualTo("1d4 (2) [\\*bold\\*] = `2` — \\~\\~x\\~\\~");
  }

  @Test
  void numbersOfEveryWidthAndSign() {
    assertThat(roll("4dF", -1, 0, 1, 1).markdown()).isEqualTo("4dF (-1, 0, 1, 1) = `1`");
    assertThat(roll("1d4-9", 2).markdown()).isEqualTo("1d4 (2) - 9 = `-7`");
    assertThat(roll("2d100", 100, 9).plain()).isEqualTo("2d100 (100, 9) = 109");
    assertThat(roll("1d10-10", 10).markdown()).isEqualTo("1d10 (**10**) - 10 = `0`");
  }

  @Test
  void wholeNumbersAppendAsLongToStringWritesThem() {
    // one and two digits are appended as chars: every width and sign around them reads the same
    StringBuilder sb = new StringBuilder();
    for (long v = -1_000; v <= 1_000; v++) {
      sb.setLength(0);
      sidekick.dice.render.Numbers.appendWhole(sb.append('x'), v);
      assertThat(sb.toString()).isEqualTo("x" + v);
    }
    for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 100, 99, 10, 9, 0, -9, -10}) {
      sb.setLength(0);
      sidekick.dice.render.Numbers.appendWhole(sb, v);
      assertThat(sb.toString()).isEqualTo(Long.toString(v));
    }
    assertThat(roll("2d20kh1+50", 19, 20).markdown()).isEqualTo("2d20kh1 (~~19~~, **20**) + 50 = `70`");
    assertThat(roll("1d100 ** 2", 99).markdown()).isEqualTo("1d100 (99) ** 2 = `9801`");
  }

  @Test
  void decimalsWithoutNoise() {
    assertThat(dice.parse("0.1 + 0.2").roll().markdown()).isEqualTo("0.1 + 0.2 = `0.3`");
    assertThat(dice.parse("10/3").roll().plain()).isEqualTo("10 / 3 = 3.33333333333");
  }
}
