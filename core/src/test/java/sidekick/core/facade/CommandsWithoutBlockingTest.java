package sidekick.core.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.CoreConfig;
import sidekick.core.CoreException;
import sidekick.core.Event;
import sidekick.core.Principal;
import sidekick.core.RollResult;
import sidekick.core.TokenSpec;
import sidekick.plugs.PlugLimits;

/**
 * {@code Core.handleCommandWithoutBlocking}: what the HTTP event loop calls. Quick commands are
 * answered at once; in a channel with plugs the chain runs on a plug worker, which finishes the
 * command, while the caller has long returned.
 */
class CommandsWithoutBlockingTest extends CoreTestBase {
  static final Duration CALL_LIMIT = Duration.ofMillis(300);

  @Override
  CoreConfig config() {
    return CoreConfig.builder().randomSeed(7L).tokenPollInterval(Duration.ofMillis(50))
        .plugLimits(PlugLimits.builder().callTimeout(CALL_LIMIT).build())
        .build();
  }

  CompletableFuture<CommandReply> start(String text) {
    return start(shard, "c1", "u1", text);
  }

  CompletableFuture<CommandReply> start(Principal caller, String channel, String user, String text) {
    return core.handleCommandWithoutBlocking(caller, new CommandRequest(channel, "s1", user, "Grog", text, false, null));
  }

  static CommandReply answer(CompletableFuture<CommandReply> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  static byte[] plugTestModule(String name) {
    try {
      return Files.readAllBytes(Path.of("..", "plugs", "src", "test", "resources", "wasm", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void withoutPlugsAQuickCommandIsAnsweredAtOnce() throws Exception {
    assertThat(start("/r 1d20+5")).isNull(); // the channel is not loaded yet: nothing done
    assertThat(events("c1")).isEmpty();
    say("/r 1d4");
    CompletableFuture<CommandReply> f = start("/r 1d20+5");
    assertThat(f).isDone();
    assertThat(answer(f).reply()).startsWith("**Grog**: 1d20");
    assertThat(events("c1")).extracting(Event::type).containsExactly("roll", "reply", "roll", "reply");
  }

  @Test
  void withoutPlugsACallerThatMustNotAnswerGetsNothingDone() throws Exception {
    say("/r 1d4"); // loads the channel: the same command is now quick
    CommandRequest roll = new CommandRequest("c1", "s1", "u1", "Grog", "/r 1d20+5", false, null);
    assertThat(core.handleCommandWithoutBlocking(shard, roll, false)).isNull();
    CommandRequest chat = new CommandRequest("c1", "s1", "u1", "Grog", "good evening", false, null);
    assertThat(core.handleCommandWithoutBlocking(shard, chat, false)).isNull();
    assertThat(events("c1")).extracting(Event::type).containsExactly("roll", "reply");
    assertThat(core.handleCommandWithoutBlocking(shard, roll, true)).isDone();
  }

  @Test
  void aCallerThatMustNotAnswerStillHandsAPluggedChannelToThePlugWorker() throws Exception {
    sayWithAttachment("/r plug add loud", example("shout.wasm"));
    CommandRequest shout = new CommandRequest("c1", "s1", "u1", "Grog", "/shout hello", false, null);
    assertThat(answer(core.handleCommandWithoutBlocking(shard, shout, false)).reply()).isEqualTo("HELLO!");
  }

  @Test
  void aChannelWithPlugsIsAnsweredByThePlugWorker() throws Exception {
    sayWithAttachment("/r plug add loud", example("shout.wasm"));
    assertThat(answer(start("/shout hello")).reply()).isEqualTo("HELLO!");
    CommandReply roll = answer(start("/r 1d1+1"));
    assertThat(roll.rolls()).extracting(RollResult::total).containsExactly(2L);
    // the install's own answer, then the plug's reply, then the roll and its reply, numbered in order
    assertThat(events("c1")).extracting(Event::type)
        .containsExactly("plug_added", "reply", "reply", "roll", "reply");
    assertThat(events("c1")).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    // every call is counted in the plug's usage, as on the blocking path
    assertThat(sayAsOwner("/r plug stats").reply()).contains("**loud** 2 calls, 0 errors");
  }

  @Test
  void whatAPlugLeavesNonFinalGetsSavedRollsAndDiceOnThePlugWorker() throws Exception {
    say("/r $sword = 1d8+3");
    sayWithAttachment("/r plug add 10-rewrite", testModule("rewrite.wasm"));
    CommandReply r = answer(start("whatever I type"));
    assertThat(r.rolls()).extracting(RollResult::expr).containsExactly("1d6+4", "$sword");
    assertThat(r.reply()).startsWith("Attack: 1d6");
  }

  @Test
  void theCallerDoesNotWaitForTheChain() throws Exception {
    sayWithAttachment("/r plug add slow", plugTestModule("endless-loop.wasm"));
    long t0 = System.nanoTime();
    CompletableFuture<CommandReply> f = start("/r 1d1+1");
    long returnedAfter = System.nanoTime() - t0;
    assertThat(f).isNotDone(); // the plug runs until its call limit stops it
    assertThat(Duration.ofNanos(returnedAfter)).isLessThan(CALL_LIMIT);
    // the faulting plug is skipped and the command answered, by the plug worker
    assertThat(answer(f).rolls()).extracting(RollResult::total).containsExactly(2L);
    assertThat(sayAsOwner("/r plug stats").reply()).contains("**slow** 1 calls, 1 errors");
  }

  @Test
  void closingWaitsForCommandsStillInTheirPlugs() {
    sayWithAttachment("/r plug add slow", plugTestModule("endless-loop.wasm"));
    CompletableFuture<CommandReply> f = start("/r 1d1+1");
    assertThat(f).isNotDone();
    core.close();
    assertThat(f).isCompleted();
    reopen();
    assertThat(events("c1")).extracting(Event::type).containsExactly("plug_added", "reply", "roll", "reply");
  }

  @Test
  void whatNeedsTheDatabaseFirstIsLeftToTheBlockingPath() {
    sayWithAttachment("/r plug add loud", example("shout.wasm"));
    assertThat(start("/r $sword")).isNull();
    assertThat(start("/r deal 2")).isNull();
    assertThat(start("/r plug ls")).isNull();
    assertThat(start(shard, "fresh", "u1", "/r 1d4")).isNull(); // plugs not loaded yet
    assertThat(events("c1")).extracting(Event::type).containsExactly("plug_added", "reply");
  }

  @Test
  void theSameChecksApply() throws Exception {
    sayWithAttachment("/r plug add loud", example("shout.wasm"));
    Principal app = core.authenticate(core.createToken(admin, TokenSpec.app("u1", "c1", false, null)).token())
        .orElseThrow();
    assertThatThrownBy(() -> start(app, "c2", "u1", "/r 1d4"))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.FORBIDDEN));
    assertThatThrownBy(() -> start(app, "c1", "u2", "/r 1d4"))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.FORBIDDEN));
    assertThat(answer(start(app, "c1", "u1", "/shout hi")).reply()).isEqualTo("HI!");
  }
}
