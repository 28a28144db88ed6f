package sidekick.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.core.Event;
import sidekick.core.Principal;
import sidekick.core.RollResult;
import sidekick.core.plug.ChainFallback;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugLimits;

/**
 * A plug stuck in a host call (ignoring interrupts) past twice its time limit is abandoned by the
 * watchdog; the rest of its command, which may block (saved rolls from SQLite), is finished on the
 * core's own fallback threads, never on the watchdog's or the JVM's common pool, and the core closes
 * cleanly afterwards.
 */
@Timeout(60)
class StuckPlugFallbackTest {
  static final Duration CALL_LIMIT = Duration.ofMillis(150);

  @TempDir Path dir;
  final CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch stuck = new CountDownLatch(1);
  Core core;
  Principal admin;

  /** The core's host, whose roll never returns before the test lets it (and ignores interrupts). */
  PlugHost stuckInRoll(PlugHost real) {
    return new PlugHost() {
      @Override
      public RollAnswer roll(PlugCallContext context, String expr) {
        stuck.countDown();
        boolean interrupted = false;
        while (true) {
          try {
            if (release.await(30, TimeUnit.SECONDS)) break;
          } catch (InterruptedException e) {
            interrupted = true; // the watchdog's: ignored, as a host call stuck in I/O would
          }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return real.roll(context, expr);
      }

      @Override
      public SavedRollAnswer savedRoll(PlugCallContext context, String name) {
        return real.savedRoll(context, name);
      }
    };
  }

  @BeforeEach
  void open() throws IOException {
    CoreConfig config = CoreConfig.builder().randomSeed(7L).chainFallbackThreads(1)
        .plugLimits(PlugLimits.builder().callTimeout(CALL_LIMIT).build()).build();
    core = SidekickCore.open(dir, config, Clock.systemUTC(), this::stuckInRoll);
    admin = core.authenticate(Files.readString(core.adminTokenFile()).strip()).orElseThrow();
  }

  @AfterEach
  void close() {
    release.countDown();
    core.close();
  }

  static byte[] module(Path path) throws IOException {
    return Files.readAllBytes(path);
  }

  /** The rewriting plug, warmed up (a cold first call may overrun the short limit), then the stuck one. */
  void installPlugs() throws IOException {
    core.putPlug(admin, "c1", "10-rewrite", "u1", module(Path.of("src", "test", "resources", "wasm", "rewrite.wasm")));
    assertThat(core.handleCommand(admin, say("warming up")).reply()).startsWith("Attack: 1d6");
    core.putPlug(admin, "c1", "20-stuck", "u1",
        module(Path.of("..", "plugs", "src", "test", "resources", "wasm", "roll-loop.wasm")));
  }

  CommandRequest say(String text) {
    return new CommandRequest("c1", "s1", "u1", "Grog", text, false, null);
  }

  @Test
  void theRestOfAnAbandonedCommandRunsOnACoreFallbackThread() throws Exception {
    core.handleCommand(admin, say("/r $sword = 1d8+3"));
    // first a plug that rewrites the text into saved-roll references, then one stuck in the host
    installPlugs();

    CompletableFuture<CommandReply> answer = core.handleCommandWithoutBlocking(admin, say("whatever I type"));
    assertThat(answer).isNotNull();
    CompletableFuture<String> finishedOn = new CompletableFuture<>();
    answer.whenComplete((r, e) -> finishedOn.complete(Thread.currentThread().getName()));
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();

    // answered while the plug is still stuck: with what the first plug left, saved rolls and dice
    CommandReply reply = answer.get(10, TimeUnit.SECONDS);
    assertThat(release.getCount()).isEqualTo(1);
    assertThat(reply.reply()).startsWith("Attack: 1d6");
    assertThat(reply.rolls()).extracting(RollResult::expr).containsExactly("1d6+4", "$sword");
    assertThat(finishedOn.get(10, TimeUnit.SECONDS)).startsWith(ChainFallback.THREAD_PREFIX);

    release.countDown();
    core.close();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
        && t.getName().startsWith(ChainFallback.THREAD_PREFIX));
    core = Core.open(dir, CoreConfig.defaults());
    assertThat(core.readEvents(admin, "c1", 0, 100).events()).extracting(Event::type)
        .endsWith("roll", "roll", "reply");
  }

  @Test
  void theBlockingPathGetsItsAnswerToo() throws Exception {
    installPlugs();
    CommandReply reply = core.handleCommand(admin, say("whatever I type"));
    assertThat(reply.reply()).startsWith("Attack: 1d6");
    assertThat(release.getCount()).isEqualTo(1); // without waiting for the stuck call
  }

  @Test
  void aCommandWhoseHookIsAbandonedIsFinishedOnAFallbackThreadNotOnTheWatchdog() throws Exception {
    core.putPlug(admin, "c1", "hook", "u1", module(Path.of("src", "test", "resources", "wasm", "hook-roll-loop.wasm")));
    CompletableFuture<CommandReply> answer = core.handleCommandWithoutBlocking(admin, say("/r 1d1+1"));
    assertThat(answer).isNotNull();
    CompletableFuture<String> finishedOn = new CompletableFuture<>();
    answer.whenComplete((r, e) -> finishedOn.complete(Thread.currentThread().getName()));
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
    // the hook changed nothing before it got stuck: the reply is the roll's, logged with its events
    assertThat(answer.get(10, TimeUnit.SECONDS).rolls()).extracting(RollResult::total).containsExactly(2L);
    assertThat(finishedOn.get(10, TimeUnit.SECONDS)).startsWith(ChainFallback.THREAD_PREFIX);
    assertThat(core.readEvents(admin, "c1", 0, 100).events()).extracting(Event::type).endsWith("roll", "reply");
  }
}
