package sidekick.bot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sidekick.bot.testing.InMemoryCore;

class RetryingCoreServiceTest {
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final InMemoryCore core = new InMemoryCore();
  final RetryingCoreService retrying =
      new RetryingCoreService(core, new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(300)), timer);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  static CoreCommand roll(String text) {
    return new CoreCommand("c1", "s1", "u1", "Grog", text, false, null);
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RetryPolicy p = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(700), Duration.ofSeconds(5));
    assertThat(p.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.delay(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.delay(4)).isEqualTo(Duration.ofMillis(700));
    assertThat(p.delay(40)).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void unreachableCoreIsRetriedUntilItAnswers() throws Exception {
    core.failNext(4);
    assertThat(retrying.command(roll("/r 1d6")).get(5, TimeUnit.SECONDS).reply()).isEqualTo("rolled 1d6");
    assertThat(core.commands).hasSize(1);
  }

  @Test
  void givesUpAfterTheBudget() {
    core.failNext(10_000);
    long start = System.nanoTime();
    CompletableFuture<CoreReply> f = retrying.command(roll("/r 1d6"));
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(CoreUnavailableException.class);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(millis).isBetween(150L, 3000L);
  }

  @Test
  void refusalsAreNotRetried() throws Exception {
    core.plugs.clear();
    CompletableFuture<Void> f = retrying.removePlug("c1", "nothing");
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CoreRejectedException.class);
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    CoreService throttled =
        new InMemoryCore() {
          int calls;

          @Override
          public CompletableFuture<CoreReply> command(CoreCommand command) {
            if (calls++ == 0) {
              return CompletableFuture.failedFuture(
                  new CoreUnavailableException("429", null, Duration.ofMillis(120)));
            }
            return super.command(command);
          }
        };
    RetryingCoreService r =
        new RetryingCoreService(throttled, new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(2)), timer);
    long start = System.nanoTime();
    assertThat(r.command(roll("/r 2")).get(5, TimeUnit.SECONDS).reply()).isEqualTo("rolled 2");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(110);
  }
}
