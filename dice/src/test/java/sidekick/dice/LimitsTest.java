package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every limit is a named constant, configurable, and breaking one is an error, never a silent stop. */
class LimitsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(DiceLimits.DEFAULTS.maxDice()).isEqualTo(1000);
    assertThat(DiceLimits.DEFAULTS.maxExpressionLength()).isEqualTo(DiceLimits.DEFAULT_MAX_EXPRESSION_LENGTH);
  }

  @Test
  void thousandDiceAreFineOneMoreIsNot() {
    Dice dice = new Dice();
    assertThat(dice.parse("1000d6").roll(RandomSource.seeded(3)).dice()).hasSize(1000);
    assertThatThrownBy(() -> dice.parse("1000d6+1d6").roll(RandomSource.seeded(3)))
        .isInstanceOf(DiceException.class)
        .hasMessageContaining("too many dice");
  }

  @Test
  void rerollsAndExplosionsCountTowardTheDiceLimit() {
    Dice dice = new Dice(DiceLimits.DEFAULTS.withMaxDice(5));
    // 3 dice that all explode: 6, 6, 6 then more dice: the sixth die is refused
    assertThatThrownBy(() -> dice.parse("3d6!").roll(bound -> 5))
        .isInstanceOf(DiceException.class)
        .hasMessageContaining("more than 5");
    assertThatThrownBy(() -> dice.parse("2d6r1").roll(bound -> 0))
        .isInstanceOf(DiceException.class)
        .hasMessageContaining("more than 5");
  }

  @Test
  void exploding1000TimesIsAnErrorNotASilentStop() {
    assertThatThrownBy(() -> new Dice().parse("1d2!").roll(bound -> bound - 1))
        .isInstanceOf(DiceException.class)
        .hasMessageContaining("too many dice");
  }

  @Test
  void expressionLength() {
    Dice dice = new Dice(DiceLimits.DEFAULTS.withMaxExpressionLength(10));
    assertThat(dice.parse("1d20+5").roll().total()).isBetween(6.0, 25.0);
    assertThatThrownBy(() -> dice.parse("1+1+1+1+1+1")).isInstanceOf(DiceException.class).hasMessageContaining("too long");
  }

  @Test
  void nestingDepth() {
    Dice dice = new Dice(DiceLimits.DEFAULTS.withMaxNestingDepth(3));
    assertThat(dice.parse("(((1)))").roll().total()).isEqualTo(1);
    assertThatThrownBy(() -> dice.parse("((((1))))"))
        .isInstanceOf(DiceException.class)
        .satisfies(e -> assertThat(((DiceException) e).position()).isEqualTo(3));
  }

  @Test
  void sides() {
    Dice dice = new Dice(DiceLimits.DEFAULTS.withMaxSides(100));
    assertThat(dice.parse("d%").roll().total()).isBetween(1.0, 100.0);
    assertThatThrownBy(() -> dice.parse("1d101")).isInstanceOf(DiceException.class).hasMessageContaining("too many sides");
    assertThatThrownBy(() -> dice.parse("1d(100+1)").roll()).isInstanceOf(DiceException.class).hasMessageContaining("too many sides");
  }

  @Test
  void repeatCount() {
    Dice dice = new Dice(DiceLimits.DEFAULTS.withMaxRepeat(3));
    assertThat(dice.parse("repeat(1, 3)").roll().total()).isEqualTo(3);
    assertThatThrownBy(() -> dice.parse("repeat(1, 4)").roll()).isInstanceOf(DiceException.class).hasMessageContaining("at most 3");
  }

  @Test
  void badLimitsAreRefused() {
    assertThatThrownBy(() -> DiceLimits.DEFAULTS.withMaxDice(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
