package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SavedRollsTest {
  private final Dice dice = new Dice();

  @Test
  void resolvesLazilyAtRollTime() {
    AtomicInteger lookups = new AtomicInteger();
    String[] current = {"1d20+5"};
    SavedRolls saved = name -> {
      lookups.incrementAndGet();
      return name.equals("atk") ? java.util.Optional.of(current[0]) : java.util.Optional.empty();
    };
    DiceExpression e = dice.parse("$atk + 2");
    assertThat(lookups).hasValue(0);
    assertThat(e.roll(Scripted.faces(10), saved).total()).isEqualTo(17);
    current[0] = "100";
    assertThat(e.roll(RandomSource.seeded(1), saved).total()).isEqualTo(102);
    assertThat(lookups).hasValue(2);
  }

  @Test
  void savedRollsMayReferenceEachOther() {
    SavedRolls saved = SavedRolls.of(Map.of("str", "3", "atk", "1d20 + $str"));
    RollResult r = dice.parse("$atk").roll(Scripted.faces(12), saved);
    assertThat(r.total()).isEqualTo(15);
    assertThat(r.plain()).isEqualTo("$atk (1d20 (12) + $str (3)) = 15");
  }

  @Test
  void cyclesAreAnErrorNotAStackOverflow() {
    SavedRolls saved = SavedRolls.of(Map.of("a", "1 + $b", "b", "$a"));
    assertThatThrownBy(() -> dice.parse("2 * $a").roll(RandomSource.seeded(1), saved))
        .isInstanceOf(DiceException.class)
        .hasMessageContaining("refers to itself")
        .hasMessageContaining("$a -> $b -> $a")
        .satisfies(e -> assertThat(((DiceException) e).position()).isEqualTo(4));
    SavedRolls self = SavedRolls.of(Map.of("x", "$x"));
    assertThatThrownBy(() -> dice.parse("$x").roll(RandomSource.seeded(1), self)).hasMessageContaining("refers to itself");
  }

  @Test
  void chainsAreBounded() {
    Dice shallow = new Dice(DiceLimits.DEFAULTS.withMaxSavedRollDepth(2));
    SavedRolls saved = SavedRolls.of(Map.of("a", "$b", "b", "$c", "c", "1"));
    assertThatThrownBy(() -> shallow.parse("$a").roll(RandomSource.seeded(1), saved)).hasMessageContaining("deeper than 2");
    assertThat(dice.parse("$a").roll(RandomSource.seeded(1), saved).total()).isEqualTo(1);
  }

  @Test
  void unknownAndInvalidSavedRolls() {
    assertThatThrownBy(() -> dice.parse("1 + $nope").roll()).hasMessageContaining("no saved roll named $nope");
    SavedRolls bad = SavedRolls.of(Map.of("x", "1d"));
    assertThatThrownBy(() -> dice.parse("$x").roll(RandomSource.seeded(1), bad)).hasMessageContaining("$x is not a valid expression");
  }

  @Test
  void savedRollsShareTheDiceBudget() {
    Dice small = new Dice(DiceLimits.DEFAULTS.withMaxDice(10));
    SavedRolls saved = SavedRolls.of(Map.of("six", "6d6"));
    assertThatThrownBy(() -> small.parse("$six + $six").roll(RandomSource.seeded(1), saved)).hasMessageContaining("too many dice");
  }
}
