package sidekick.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdempotencyCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger runs = new AtomicInteger();

  private ApiResult work() {
    return new ApiResult(200, Json.object().put("run", runs.incrementAndGet()));
  }

  @Test
  void aRepeatGetsTheFirstAnswer() {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofMinutes(1), 100, now::get);
    ApiResult first = cache.once("k", this::work);
    ApiResult second = cache.once("k", this::work);
    assertThat(second).isSameAs(first);
    assertThat(runs.get()).isEqualTo(1);
    cache.once("other", this::work);
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void aRepeatWhileTheFirstRunsWaitsForIt() throws Exception {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofMinutes(1), 100, now::get);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<ApiResult> first = CompletableFuture.supplyAsync(() -> cache.once("k", () -> {
      started.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return work();
    }));
    started.await(5, TimeUnit.SECONDS);
    CompletableFuture<ApiResult> second = CompletableFuture.supplyAsync(() -> cache.once("k", this::work));
    Thread.sleep(50);
    assertThat(second).isNotDone();
    release.countDown();
    assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(first.get(5, TimeUnit.SECONDS));
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void refusalsAreRememberedButRateLimitsAndServerErrorsAreNot() {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofMinutes(1), 100, now::get);
    assertThatThrownBy(() -> cache.once("bad", () -> { runs.incrementAndGet(); throw ApiException.forbidden("no"); }))
        .hasMessage("no");
    assertThatThrownBy(() -> cache.once("bad", this::work)).hasMessage("no");
    assertThat(runs.get()).isEqualTo(1);
    assertThatThrownBy(() -> cache.once("busy", () -> { throw ApiException.tooManyRequests("slow down", 1); }));
    assertThat(cache.once("busy", this::work).body().get("run").asInt()).isEqualTo(2);
    assertThatThrownBy(() -> cache.once("boom", () -> { throw new IllegalStateException("bug"); }));
    assertThat(cache.once("boom", this::work).body().get("run").asInt()).isEqualTo(3);
  }

  @Test
  void entriesExpireAndTheCountIsBounded() {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofSeconds(10), 3, now::get);
    cache.once("a", this::work);
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    cache.once("a", this::work);
    assertThat(runs.get()).isEqualTo(2);
    for (String k : new String[] {"b", "c", "d", "e"}) cache.once(k, this::work);
    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void anAsyncRepeatGetsTheFirstAnswerWhenItComesWithoutASecondRun() throws Exception {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofMinutes(1), 100, now::get);
    CompletableFuture<ApiResult> later = new CompletableFuture<>();
    CompletableFuture<ApiResult> first = cache.onceAsync("k", () -> {
      runs.incrementAndGet();
      return later;
    });
    CompletableFuture<ApiResult> repeat = cache.onceAsync("k", () -> CompletableFuture.completedFuture(work()));
    assertThat(first).isNotDone();
    assertThat(repeat).isNotDone(); // nobody blocked: the repeat is answered when the first is
    ApiResult answer = new ApiResult(200, Json.object().put("run", 1));
    later.complete(answer);
    assertThat(repeat.get(5, TimeUnit.SECONDS)).isSameAs(answer);
    assertThat(cache.onceAsync("k", () -> CompletableFuture.completedFuture(work())).get(5, TimeUnit.SECONDS))
        .isSameAs(answer);
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void anAsyncFailureIsForgottenOnlyWhenItMayBeTriedAgain() throws Exception {
    IdempotencyCache cache = new IdempotencyCache(Duration.ofMinutes(1), 100, now::get);
    cache.onceAsync("busy", () -> CompletableFuture.failedFuture(new ApiException(503, "busy")));
    assertThat(cache.onceAsync("busy", () -> CompletableFuture.completedFuture(work())).get(5, TimeUnit.SECONDS)
        .body().get("run").asInt()).isEqualTo(1);
    CompletableFuture<ApiResult> refused = cache.onceAsync("bad", () -> { throw ApiException.forbidden("no"); });
    assertThat(refused).isCompletedExceptionally();
    assertThat(cache.onceAsync("bad", () -> CompletableFuture.completedFuture(work())))
        .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause().withMessage("no");
    assertThat(runs.get()).isEqualTo(1);
  }
}
