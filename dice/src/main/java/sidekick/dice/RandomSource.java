package sidekick.dice;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * The random numbers one roll uses. Not thread-safe: each roll gets its own (see {@link
 * #perRoll()}); a roll never shares one with another thread.
 */
public interface RandomSource {
  /** A uniformly distributed integer in {@code [0, bound)}; {@code bound} is positive. */
  int nextInt(int bound);

  /** A reproducible source: the same seed gives the same rolls. */
  static RandomSource seeded(long seed) {
    return new SplittableSource(new SplittableRandom(seed));
  }

  /**
   * A fresh fast generator for one roll. Each thread keeps a root generator seeded once from
   * {@link SecureRandom}; every roll gets a statistically independent stream split from it, so a
   * roll costs no secure-random call yet nobody can predict it from earlier rolls' seeds.
   */
  static RandomSource perRoll() {
    return new SplittableSource(SplittableSource.ROOTS.get().split());
  }

  /** {@link SplittableRandom} behind the interface; its {@code nextInt(bound)} is unbiased. */
  final class SplittableSource implements RandomSource {
    private static final SecureRandom SEEDS = new SecureRandom();
    static final ThreadLocal<SplittableRandom> ROOTS =
        ThreadLocal.withInitial(() -> new SplittableRandom(seed()));

    private final SplittableRandom random;

    SplittableSource(SplittableRandom random) {
      this.random = random;
    }

    private static long seed() {
      synchronized (SEEDS) {
        return SEEDS.nextLong();
      }
    }

    @Override
    public int nextInt(int bound) {
      return random.nextInt(bound);
    }
  }
}
