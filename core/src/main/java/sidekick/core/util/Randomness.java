package sidekick.core.util;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import sidekick.dice.RandomSource;

/**
 * Where rolls and shuffles get their randomness: unpredictable by default, or one fixed seed for the
 * whole core (tests and demos), so that a seeded run replays exactly when commands come one at a time.
 */
public final class Randomness {
  private final SplittableRandom seeded;

  private Randomness(SplittableRandom seeded) {
    this.seeded = seeded;
  }

  public static Randomness of(Long seed) {
    return new Randomness(seed == null ? null : new SplittableRandom(seed));
  }

  /** A source for one roll. */
  public RandomSource source() {
    if (seeded == null) return RandomSource.perRoll();
    synchronized (seeded) {
      return RandomSource.seeded(seeded.nextLong());
    }
  }

  /** A generator for one shuffle. */
  public RandomGenerator generator() {
    if (seeded == null) return new SecureRandom();
    synchronized (seeded) {
      return seeded.split();
    }
  }
}
