package sidekick.plugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static sidekick.plugs.TestPlugs.command;
import static sidekick.plugs.TestPlugs.module;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every hostile case of the issue: each is stopped or refused, counted, and the command answered.
 * These run compiled code (uploads complete once compiled); {@link InterpretWhileCompilingTest}
 * runs the same cases in the interpreter a fresh upload answers with.
 */
class HostileModulesTest {
  private static final Duration LIMIT = PlugLimits.DEFAULT_CALL_TIMEOUT;
  private final AtomicInteger rolls = new AtomicInteger();
  private final PlugHost countingHost =
      new PlugHost() {
        @Override
        public RollAnswer roll(PlugCallContext context, String expr) {
          rolls.incrementAndGet();
          return RollAnswer.ok(11, expr + " = 11");
        }

        @Override
        public SavedRollAnswer savedRoll(PlugCallContext context, String name) {
          return SavedRollAnswer.error("none");
        }
      };
  private PlugRuntime runtime =
      PlugRuntime.create(compiled().instantiateTimeout(Duration.ofSeconds(20)).build(),
          countingHost, null);

  /** Default limits, with uploads completing once compiled. */
  private static PlugLimits.Builder compiled() {
    return PlugLimits.DEFAULTS.toBuilder().interpretWhileCompiling(false);
  }

  @AfterEach
  void close() {
    runtime.close();
  }

  private PlugRejectedException refusal(byte[] wasm) {
    Throwable t = catchThrowable(() -> runtime.load(wasm).join());
    assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(PlugRejectedException.class);
    return (PlugRejectedException) t.getCause();
  }

  /** Installs a module, warms it (so the cold first call is not what we measure), runs a command. */
  private ChainResult runOnce(String name) {
    ChannelPlugs ch = runtime.channel(name);
    ch.install(name, runtime.load(module(name)).join());
    return ch.run(command("/r 1d20")).join();
  }

  private PlugRun onlyRun(ChainResult r) {
    assertThat(r.runs()).hasSize(1);
    return r.runs().get(0);
  }

  /** What a shared 2-core machine may add to the watchdog's own tick before a thread runs again. */
  private static final long SCHEDULING_SLACK_MICROS = 50_000;

  @Test
  void endlessLoopIsStoppedWithinTwiceTheLimitAndTheWorkerIsFreeAgain() throws Exception {
    ChainResult r = runOnce("endless-loop");
    PlugRun run = onlyRun(r);
    assertThat(run.fault()).isEqualTo(FaultKind.TIMEOUT);
    assertThat(run.micros()).isLessThan(2 * LIMIT.toNanos() / 1000 + SCHEDULING_SLACK_MICROS);
    assertThat(r.text()).isEqualTo("/r 1d20"); // the command still gets its answer

    // the same workers serve the next commands
    for (int i = 0; i < 2 * PlugLimits.DEFAULT_WORKER_THREADS; i++) {
      assertThat(runtime.channel("endless-loop").run(command("again")).join().runs().get(0).fault())
          .isIn(FaultKind.TIMEOUT, FaultKind.DISABLED);
    }
    // every loop really stopped: no worker is left spinning (even one abandoned on a busy machine)
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (runtime.stats().abandonedStillRunning() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(runtime.stats().abandonedStillRunning()).isZero();
    assertThat(runtime.channel("endless-loop").get("endless-loop").orElseThrow().metrics().errorsByKind())
        .containsKey(FaultKind.TIMEOUT);
  }

  /** For cases whose subject is not time: a relaxed time limit and a small memory cap. */
  private void relaxedWithSmallMemory() {
    runtime.close();
    runtime = PlugRuntime.create(
        TestPlugs.RELAXED.toBuilder().interpretWhileCompiling(false).maxMemoryBytes(8L << 20).build(), countingHost, null);
  }

  @Test
  void memoryBombIsStoppedAsMemory() {
    relaxedWithSmallMemory();
    assertThat(onlyRun(runOnce("memory-bomb")).fault()).isEqualTo(FaultKind.MEMORY);
  }

  @Test
  void hostAllocationBombIsStoppedAtTheCap() {
    relaxedWithSmallMemory();
    PlugRun run = onlyRun(runOnce("alloc-bomb"));
    assertThat(run.fault()).isEqualTo(FaultKind.MEMORY);
    assertThat(run.message()).contains("cap");
  }

  @Test
  void thirtyThousandInitialPagesAreRefusedFast() {
    long start = System.nanoTime();
    PlugRejectedException e = refusal(module("huge-memory"));
    assertThat(e.reason()).isEqualTo(PlugRejectedException.Reason.OVER_LIMIT);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).contains("30000 initial pages");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void forbiddenImportIsRefusedAndNamed() {
    PlugRejectedException e = refusal(module("forbidden-import"));
    assertThat(e.reason()).isEqualTo(PlugRejectedException.Reason.FORBIDDEN_IMPORT);
    assertThat(e.getMessage()).contains("env.system");
  }

  @Test
  void moduleWithoutHandleIsRefused() {
    PlugRejectedException e = refusal(module("no-handle"));
    assertThat(e.reason()).isEqualTo(PlugRejectedException.Reason.MISSING_EXPORT);
    assertThat(e.getMessage()).contains("handle");
  }

  @Test
  void trapsAndStackExhaustionAreTraps() {
    relaxedWithSmallMemory();
    assertThat(onlyRun(runOnce("trap")).fault()).isEqualTo(FaultKind.TRAP);
    assertThat(onlyRun(runOnce("deep-recursion")).fault()).isEqualTo(FaultKind.TRAP);
  }

  @Test
  void bytesThatAreNotWebAssemblyAreRefused() {
    PlugRejectedException e = refusal("#!/bin/sh\necho hello\n".getBytes());
    assertThat(e.reason()).isEqualTo(PlugRejectedException.Reason.INVALID);
    assertThat(e.httpStatus()).isEqualTo(400);
    byte[] truncated = Arrays.copyOf(TestPlugs.example("wat/shout.wasm"), 100);
    assertThat(refusal(truncated).reason()).isEqualTo(PlugRejectedException.Reason.INVALID);
  }

  @Test
  void moduleOverTheSizeLimitIsRefusedAs413BeforeParsing() {
    byte[] big = new byte[PlugLimits.DEFAULT_MAX_MODULE_BYTES + 1];
    System.arraycopy(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, 0, big, 0, 8);
    var future = runtime.load(big);
    assertThat(future).isCompletedExceptionally(); // refused on the caller's thread, nothing queued
    PlugRejectedException e = refusal(big);
    assertThat(e.reason()).isEqualTo(PlugRejectedException.Reason.TOO_LARGE);
    assertThat(e.httpStatus()).isEqualTo(413);
  }

  @Test
  void oversizedOutputIsABadOutput() {
    relaxedWithSmallMemory();
    PlugRun run = onlyRun(runOnce("big-output"));
    assertThat(run.fault()).isEqualTo(FaultKind.BAD_OUTPUT);
    assertThat(run.message()).contains("over the limit");
  }

  @Test
  void rollInALoopIsStoppedAtTheHostCallBudget() {
    relaxedWithSmallMemory();
    PlugRun run = onlyRun(runOnce("roll-loop"));
    assertThat(run.fault()).isEqualTo(FaultKind.TRAP);
    assertThat(run.message()).contains("host calls");
    assertThat(rolls.get()).isEqualTo(PlugLimits.DEFAULT_MAX_HOST_CALLS_PER_CALL);
  }

  @Test
  void startFunctionThatNeverReturnsIsStoppedAtInstantiation() {
    runtime.close();
    runtime = PlugRuntime.create(
        compiled().instantiateTimeout(Duration.ofMillis(200)).build(), countingHost, null);
    PlugRun run = onlyRun(runOnce("start-loop"));
    assertThat(run.fault()).isEqualTo(FaultKind.TIMEOUT);
    assertThat(run.message()).contains("instantiation");
  }

  @Test
  void repeatedFaultsDisableThePlugForAWhile() {
    ChannelPlugs ch = runtime.channel("c1");
    ch.install("trap", runtime.load(module("trap")).join());
    for (int i = 0; i < PlugLimits.DEFAULT_FAULTS_BEFORE_DISABLE; i++) {
      assertThat(ch.run(command("x")).join().runs().get(0).fault()).isEqualTo(FaultKind.TRAP);
    }
    PlugRun skipped = ch.run(command("x")).join().runs().get(0);
    assertThat(skipped.fault()).isEqualTo(FaultKind.DISABLED);
    PlugInfo info = ch.get("trap").orElseThrow();
    assertThat(info.disabledUntil()).isNotNull();
    assertThat(info.metrics().calls()).isEqualTo(PlugLimits.DEFAULT_FAULTS_BEFORE_DISABLE);
    assertThat(info.metrics().errors()).isEqualTo(PlugLimits.DEFAULT_FAULTS_BEFORE_DISABLE);
  }

  @Test
  void workerStuckInTheHostPastTwiceTheLimitIsAbandonedAndReplaced() throws Exception {
    runtime.close();
    var stuckHost = new PlugHost() {
      @Override
      public RollAnswer roll(PlugCallContext context, String expr) {
        long end = System.nanoTime() + Duration.ofMillis(600).toNanos();
        while (System.nanoTime() < end) Thread.onSpinWait(); // ignores interrupts
        return RollAnswer.ok(1, "1");
      }

      @Override
      public SavedRollAnswer savedRoll(PlugCallContext context, String name) {
        return SavedRollAnswer.error("none");
      }
    };
    runtime = PlugRuntime.create(compiled().workerThreads(1)
        .instantiateTimeout(Duration.ofSeconds(20)).build(), stuckHost, null);
    ChannelPlugs ch = runtime.channel("c1");
    ch.install("stuck", runtime.load(module("config-output")).join(),
        java.util.Map.of("roll", "{\"expr\":\"1d20\"}"));
    long start = System.nanoTime();
    ChainResult r = ch.run(command("/r 1d20")).join();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.runs().get(0).fault()).isEqualTo(FaultKind.TIMEOUT);
    assertThat(millis).isLessThan(550); // answered without waiting for the stuck call
    assertThat(runtime.stats().abandonedWorkers()).isEqualTo(1);

    // the single worker was replaced: another channel's commands still run
    ChannelPlugs other = runtime.channel("c2");
    TestPlugs.installReplying(runtime, other, "ok", "{\"action\":\"reply\",\"text\":\"fine\"}");
    assertThat(other.run(command("x")).join().reply()).isEqualTo("fine");
  }
}
