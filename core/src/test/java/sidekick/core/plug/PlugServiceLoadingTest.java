package sidekick.core.plug;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Loading a channel's chain on first use: once per channel, and never holding up other channels. */
class PlugServiceLoadingTest {
  private final CountDownLatch slowStarted = new CountDownLatch(1);
  private final CountDownLatch releaseSlow = new CountDownLatch(1);
  private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

  /** "slow" has two plugs and takes until released to load (a big module compiling); others have none. */
  private int load(String channel) {
    loads.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
    if (!channel.equals("slow")) return 0;
    slowStarted.countDown();
    try {
      releaseSlow.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 2;
  }

  private final PlugService plugs = new PlugService(null, null, 32, this::load);

  @Test
  void aSlowLoadHoldsUpOnlyItsOwnChannel() throws Exception {
    CompletableFuture<Boolean> slow = CompletableFuture.supplyAsync(() -> plugs.hasPlugs("slow"));
    assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> sameChannel = CompletableFuture.supplyAsync(() -> plugs.hasPlugs("slow"));

    // another channel loads and answers while "slow" is still compiling
    CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> plugs.hasPlugs("quick"));
    assertThat(other.get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(plugs.knownToHaveNone("quick")).isTrue();
    assertThat(slow).isNotDone();
    assertThat(sameChannel).isNotDone();
    assertThat(plugs.loadedCount("slow")).isEqualTo(-1);

    releaseSlow.countDown();
    assertThat(slow.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(sameChannel.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(plugs.loadedCount("slow")).isEqualTo(2);
    assertThat(plugs.loadedCount("quick")).isZero();
    assertThat(plugs.hasPlugs("slow")).isTrue();
    // the waiting caller found the chain loaded: one load per channel
    assertThat(loads.get("slow")).hasValue(1);
    assertThat(loads.get("quick")).hasValue(1);
  }
}
