package sidekick.http.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by a string (a token id, a channel). Each key may spend {@code burst} requests
 * at once and regains {@code perSecond} per second. A rate of 0 turns the limiter off. Buckets idle
 * long enough to be full again are dropped by {@link #sweep()}, so memory follows active keys only.
 */
public final class RateLimiter {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final double perSecond;
  private final double burst;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double perSecond, double burst) {
    this(perSecond, burst, System::nanoTime);
  }

  RateLimiter(double perSecond, double burst, LongSupplier nanoClock) {
    if (perSecond < 0 || burst < 0) throw new IllegalArgumentException("negative rate or burst");
    this.perSecond = perSecond;
    this.burst = Math.max(burst, 1);
    this.clock = nanoClock;
  }

  public boolean enabled() {
    return perSecond > 0;
  }

  /**
   * Takes one request for the key. Returns 0 when allowed, otherwise the nanoseconds until the next
   * request would be allowed (for Retry-After).
   */
  public long acquire(String key) {
    if (!enabled()) return 0;
    long now = clock.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.refill(now, perSecond, burst);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - bucket.tokens) / perSecond * NANOS_PER_SECOND);
    }
  }

  /** Drops buckets that have refilled completely; call now and then. */
  public void sweep() {
    long now = clock.getAsLong();
    buckets
        .entrySet()
        .removeIf(
            e -> {
              Bucket b = e.getValue();
              synchronized (b) {
                b.refill(now, perSecond, burst);
                return b.tokens >= burst;
              }
            });
  }

  int size() {
    return buckets.size();
  }

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }

    void refill(long now, double perSecond, double burst) {
      long elapsed = now - updatedNanos;
      if (elapsed > 0) {
        tokens = Math.min(burst, tokens + elapsed * perSecond / NANOS_PER_SECOND);
        updatedNanos = now;
      }
    }
  }
}
