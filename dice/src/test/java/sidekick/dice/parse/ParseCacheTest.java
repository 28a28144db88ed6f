package sidekick.dice.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import sidekick.dice.Dice;
import sidekick.dice.DiceException;
import sidekick.dice.DiceExpression;
import sidekick.dice.DiceLimits;

class ParseCacheTest {
  private final Dice dice = new Dice();

  @Test
  void hitsReturnTheSameCompiledTree() {
    assertThat(dice.parse("4d6kh3")).isSameAs(dice.parse("4d6kh3"));
    assertThat(dice.parseUncached("4d6kh3")).isNotSameAs(dice.parse("4d6kh3"));
  }

  @Test
  void staysBounded() {
    ParseCache cache = new ParseCache(10);
    AtomicInteger parses = new AtomicInteger();
    for (int i = 0; i < 1000; i++) {
      cache.get((i + 1) + "d6", t -> {
        parses.incrementAndGet();
        return dice.parseUncached(t);
      });
      assertThat(cache.size()).isLessThanOrEqualTo(20);
    }
    assertThat(parses).hasValue(1000);
    // recent entries survive a generation switch
    cache.get("1000d6", t -> { throw new AssertionError("should be cached"); });
  }

  @Test
  void errorsAreNotCached() {
    ParseCache cache = new ParseCache(10);
    AtomicInteger parses = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> cache.get("1d", t -> {
        parses.incrementAndGet();
        return dice.parseUncached(t);
      })).isInstanceOf(DiceException.class);
    }
    assertThat(parses).hasValue(3);
    assertThat(cache.size()).isZero();
  }

  @Test
  void zeroCapacityDisablesTheCache() {
    Dice uncached = new Dice(DiceLimits.DEFAULTS.withParseCacheSize(0));
    DiceExpression a = uncached.parse("1d6");
    assertThat(uncached.parse("1d6")).isNotSameAs(a);
  }
}
