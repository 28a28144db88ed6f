package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad expressions: a DiceException saying what was expected, at the right 0-based position. */
class ErrorsTest {
  private final Dice dice = new Dice();

  private DiceException error(String expr) {
    DiceException e = catchThrowableOfType(DiceException.class, () -> dice.parse(expr).roll(RandomSource.seeded(1)));
    assertThat(e).as("error for " + expr).isNotNull();
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0d6        | 0 | roll at least one die",
        "01d6       | 0 | cannot start with 0",
        "4d-6       | 2 | the number of sides",
        "1d0        | 2 | at least one side",
        "1d06       | 2 | cannot start with 0",
        "1/0        | 1 | division by zero",
        "5 % 0      | 2 | modulo by zero",
        "1/(1-1)    | 1 | division by zero",
        "1d1!       | 0 | can never stop",
        "1d1r1      | 0 | can never stop",
        "1d20r<21   | 0 | can never stop",
        "3d6!>0     | 0 | can never stop",
        "1d20+      | 5 | expected",
        "2d6 kh3    | 4 | expected an operator",
        "foo(1)     | 0 | unknown function foo()",
        "1001d6     | 0 | too many dice",
        "(1d6       | 4 | ')'",
        "1d6)       | 3 | found ')'",
        "d          | 1 | the number of sides",
        "1.5d6      | 0 | whole number",
        "sqrt(-1)   | 0 | negative",
        "floor(1,2) | 0 | takes 1 argument",
        "pow(2)     | 0 | takes 2 arguments",
        "7d6u       | 0 | unique",
        "4d6kh1x    | 6 | expected",
        "4d6!!!     | 5 | ",
        "{1d6}!     | 0 | takes only keep/drop",
        "2d6min1min2 | 7 | given twice",
        "1d6 + $    | 7 | a saved roll name",
        "10^400     | 2 | too large",
      })
  void saysWhatAndWhere(String expr, int position, String words) {
    DiceException e = error(expr);
    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
    if (words != null) assertThat(e.getMessage()).contains(words);
  }

  @org.junit.jupiter.api.Test
  void runtimeCountsAndSidesAreChecked() {
    DiceException none = catchThrowableOfType(DiceException.class, () -> dice.parse("(1d2-1)d6").roll(Scripted.faces(1)));
    assertThat(none.getMessage()).contains("at least one die");
    DiceException tooMany = error("(1000+1d2)d6");
    assertThat(tooMany.getMessage()).contains("too many dice");
    DiceException sides = error("1d(0*1d6)");
    assertThat(sides.getMessage()).contains("at least one side");
    assertThat(sides.position()).isEqualTo(2);
  }

  @org.junit.jupiter.api.Test
  void emptyAndBlank() {
    assertThat(error("").position()).isEqualTo(0);
    assertThat(error("   ").getMessage()).contains("found nothing");
    assertThat(error("# only a comment").getMessage()).contains("found nothing");
  }
}
