package sidekick.bot.core;

import java.time.Duration;

/**
 * How long a command waits for an unreachable core: exponential backoff from {@code firstDelay},
 * each wait at most {@code maxDelay}, giving up once {@code budget} has passed.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, Duration budget) {
  /** Defaults: 200 ms, doubling up to 2 s, for at most 10 s: a core restart fits, a user still waits. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10));

  public RetryPolicy {
    if (firstDelay.isNegative() || firstDelay.isZero()) throw new IllegalArgumentException("firstDelay must be positive");
    if (maxDelay.compareTo(firstDelay) < 0) throw new IllegalArgumentException("maxDelay below firstDelay");
    if (budget.isNegative()) throw new IllegalArgumentException("negative budget");
  }

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    long millis = firstDelay.toMillis();
    for (int i = 1; i < attempt && millis < maxDelay.toMillis(); i++) millis *= 2;
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
