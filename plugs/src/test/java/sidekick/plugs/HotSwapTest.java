package sidekick.plugs;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.plugs.TestPlugs.command;
import static sidekick.plugs.TestPlugs.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Swapping plugs while commands flow: no pause, no failed call, calls in flight finish on the old version. */
class HotSwapTest {
  private PlugRuntime runtime;

  @AfterEach
  void close() {
    if (runtime != null) runtime.close();
  }

  private static String reply(String text) {
    return "{\"action\":\"reply\",\"text\":\"" + text + "\"}";
  }

  @Test
  void swapsWhileCommandsFlowNeverFailACall() throws Exception {
    runtime = PlugRuntime.create(TestPlugs.RELAXED, PlugHost.NONE, null);
    ChannelPlugs ch = runtime.channel("c1");
    PlugModule module = runtime.load(module("config-output")).join();
    ch.install("p", module, TestPlugs.output(reply("v0")));

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger calls = new AtomicInteger();
    List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    var seen = ConcurrentHashMap.<String>newKeySet();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread c = new Thread(() -> {
        while (!stop.get()) {
          ChainResult r = ch.run(command("/go")).join();
          calls.incrementAndGet();
          boolean ok = r.isReply() && r.reply().matches("v\\d+") && r.runs().size() == 1
              && r.runs().get(0).fault() == null;
          if (ok) seen.add(r.reply());
          else unexpected.add(String.valueOf(r));
        }
      });
      c.start();
      clients.add(c);
    }
    int versions = 30;
    for (int v = 1; v <= versions; v++) {
      // swap only once commands have gone through since the last swap: swaps and calls interleave
      int before = calls.get();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (calls.get() < before + 3 && System.nanoTime() < deadline) Thread.sleep(1);
      ch.install("p", module, TestPlugs.output(reply("v" + v)));
    }
    Thread.sleep(50);
    stop.set(true);
    for (Thread c : clients) c.join(10_000);

    assertThat(unexpected).isEmpty();
    assertThat(calls.get()).isGreaterThan(versions);
    assertThat(seen).contains("v" + versions).hasSizeGreaterThan(2);
    assertThat(ch.run(command("/go")).join().reply()).isEqualTo("v" + versions);
    assertThat(ch.get("p").orElseThrow().metrics().errors()).isZero();
  }

  @Test
  void callInFlightFinishesOnTheVersionItStartedWith() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PlugHost blockingOnce = new PlugHost() {
      private final AtomicBoolean first = new AtomicBoolean(true);

      @Override
      public RollAnswer roll(PlugCallContext context, String expr) {
        if (first.getAndSet(false)) {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return RollAnswer.ok(3, "3");
      }

      @Override
      public SavedRollAnswer savedRoll(PlugCallContext context, String name) {
        return SavedRollAnswer.error("none");
      }
    };
    runtime = PlugRuntime.create(TestPlugs.RELAXED, blockingOnce, null);
    ChannelPlugs ch = runtime.channel("c1");
    PlugModule module = runtime.load(module("config-output")).join();
    ch.install("p", module, Map.of("roll", "{\"expr\":\"1d6\"}", "output", reply("old")));

    var inFlight = ch.run(command("/go"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    ch.install("p", module, Map.of("roll", "{\"expr\":\"1d6\"}", "output", reply("new")));
    // a command started after the swap runs the new version while the old call is still going
    assertThat(ch.run(command("/go")).get(10, TimeUnit.SECONDS).reply()).isEqualTo("new");
    assertThat(inFlight).isNotDone();
    release.countDown();
    assertThat(inFlight.get(10, TimeUnit.SECONDS).reply()).isEqualTo("old");
  }
}
