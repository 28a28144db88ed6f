package sidekick.plugs;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.plugs.TestPlugs.command;
import static sidekick.plugs.TestPlugs.module;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sidekick.plugs.chain.FaultBreaker;
import sidekick.plugs.chain.PlugJson;
import sidekick.plugs.chain.WasmPlug;
import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.Watchdog;
import sidekick.plugs.kernel.PlugVars;
import sidekick.plugs.load.LoadedModule;
import sidekick.plugs.load.ModuleLoader;
import sidekick.plugs.metrics.PlugMetrics;

/**
 * A module uploaded for the first time answers in the interpreter while it compiles, under the
 * same limits, and switches to compiled code with no failed call.
 */
class InterpretWhileCompilingTest {
  private static final Duration LIMIT = PlugLimits.DEFAULT_CALL_TIMEOUT;
  /** What a shared 2-core machine may add to the watchdog's own tick before a thread runs again. */
  private static final long SCHEDULING_SLACK_MICROS = 50_000;

  private final CountDownLatch compileMayFinish = new CountDownLatch(1);
  private final PlugLimits limits = PlugLimits.DEFAULTS.toBuilder()
      .instantiateTimeout(Duration.ofSeconds(20)).maxMemoryBytes(8L << 20).build();
  // the background compile ends with the preload: holding it keeps the module in the interpreter
  private final ModuleLoader loader = new ModuleLoader(limits, null, m -> {
    try {
      compileMayFinish.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  });
  private final Watchdog watchdog = new Watchdog(Watchdog.tickFor(LIMIT.toNanos()));
  private PlugRuntime runtime;

  @AfterEach
  void close() {
    compileMayFinish.countDown();
    loader.close();
    watchdog.close();
    if (runtime != null) runtime.close();
  }

  private LoadedModule interpreted(String name) {
    LoadedModule m = (LoadedModule) loader.load(module(name)).join();
    assertThat(m.usesInterpreter()).isTrue();
    assertThat(m.compiled()).isNotDone();
    return m;
  }

  private CallResult call(LoadedModule m) {
    return call(m, "/r 1d20");
  }

  private CallResult call(LoadedModule m, String text) {
    return call(m, text, limits);
  }

  private CallResult call(LoadedModule m, String text, PlugLimits limits) {
    var plug = new WasmPlug("p", m, Map.of(), new PlugVars(1024), PlugHost.NONE, limits, new PlugMetrics(), null,
        new FaultBreaker(100, Duration.ZERO));
    CommandInput in = command(text);
    return plug.call("handle", PlugJson.input(in, null),
        new PlugHost.PlugCallContext("c1", "p", m.hash(), in), watchdog.slot(), null);
  }

  @Test
  void anEndlessLoopInTheInterpreterIsStoppedWithinTwiceTheLimit() {
    CallResult r = call(interpreted("endless-loop"));
    assertThat(r.fault()).isEqualTo(FaultKind.TIMEOUT);
    assertThat(r.nanos() / 1000).isLessThan(2 * LIMIT.toNanos() / 1000 + SCHEDULING_SLACK_MICROS);
    assertThat(watchdog.slot().abandoned()).isFalse(); // stopped, not abandoned: the thread is free
  }

  @Test
  void memoryAndHostAllocationBombsInTheInterpreterAreStoppedAtTheCap() {
    // the subject is memory, not time: a cold interpreter on a busy machine gets room
    PlugLimits relaxed = limits.toBuilder().callTimeout(Duration.ofSeconds(20)).build();
    assertThat(call(interpreted("memory-bomb"), "/x", relaxed).fault()).isEqualTo(FaultKind.MEMORY);
    assertThat(call(interpreted("alloc-bomb"), "/x", relaxed).fault()).isEqualTo(FaultKind.MEMORY);
  }

  @Test
  void theInterpreterGivesTheSameAnswerAndTheCompiledCodeTakesOver() {
    LoadedModule m = (LoadedModule) loader.load(TestPlugs.example("c/greet.wasm")).join();
    CallResult slow = call(m, "/hello there");
    assertThat(slow.ok()).isTrue();
    compileMayFinish.countDown();
    m.compiled().join();
    assertThat(m.usesInterpreter()).isFalse();
    CallResult fast = call(m, "/hello there");
    assertThat(new String(fast.output())).isEqualTo(new String(slow.output())).contains("Grog");
  }

  @Test
  void commandsFlowWithNoFailedCallWhileAFreshUploadSwitchesToCompiledCode() {
    runtime = PlugRuntime.create(TestPlugs.RELAXED, PlugHost.NONE, null);
    PlugModule m = runtime.load(TestPlugs.example("wat/shout.wasm")).join();
    ChannelPlugs ch = runtime.channel("c1");
    ch.install("shout", m);
    int calls = 0;
    while (!m.compiled().isDone() || calls < 50) {
      ChainResult r = ch.run(command("/shout hi")).join();
      assertThat(r.runs().get(0).fault()).isNull();
      assertThat(r.reply()).isEqualTo("HI!");
      calls++;
    }
    assertThat(m.compiled()).isCompleted();
    assertThat(m.usesInterpreter()).isFalse();
  }
}
