package sidekick.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void allowsTheBurstThenRefusesWithTheWaitUntilTheNextToken() {
    RateLimiter limiter = new RateLimiter(10, 3, now::get);
    assertThat(limiter.acquire("t")).isZero();
    assertThat(limiter.acquire("t")).isZero();
    assertThat(limiter.acquire("t")).isZero();
    long wait = limiter.acquire("t");
    assertThat(wait).isEqualTo(100_000_000L); // one token every 100 ms
    now.addAndGet(50_000_000L);
    assertThat(limiter.acquire("t")).isEqualTo(50_000_000L);
    now.addAndGet(50_000_000L);
    assertThat(limiter.acquire("t")).isZero();
  }

  @Test
  void keysAreIndependent() {
    RateLimiter limiter = new RateLimiter(1, 1, now::get);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isPositive();
    assertThat(limiter.acquire("b")).isZero();
  }

  @Test
  void refillNeverExceedsTheBurst() {
    RateLimiter limiter = new RateLimiter(100, 2, now::get);
    limiter.acquire("t");
    now.addAndGet(3_600_000_000_000L);
    assertThat(limiter.acquire("t")).isZero();
    assertThat(limiter.acquire("t")).isZero();
    assertThat(limiter.acquire("t")).isPositive();
  }

  @Test
  void zeroRateMeansUnlimited() {
    RateLimiter limiter = new RateLimiter(0, 0, now::get);
    for (int i = 0; i < 10_000; i++) assertThat(limiter.acquire("t")).isZero();
    assertThat(limiter.size()).isZero();
  }

  @Test
  void sweepDropsOnlyFullBuckets() {
    RateLimiter limiter = new RateLimiter(10, 2, now::get);
    limiter.acquire("idle");
    limiter.acquire("busy");
    now.addAndGet(200_000_000L); // idle refilled
    limiter.acquire("busy");
    limiter.acquire("busy");
    limiter.sweep();
    assertThat(limiter.size()).isEqualTo(1);
    assertThat(limiter.acquire("busy")).isPositive();
  }
}
