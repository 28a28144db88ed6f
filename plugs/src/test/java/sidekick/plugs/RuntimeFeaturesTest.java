package sidekick.plugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static sidekick.plugs.TestPlugs.command;
import static sidekick.plugs.TestPlugs.module;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeFeaturesTest {
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final PlugHost host = new PlugHost() {
    @Override
    public RollAnswer roll(PlugCallContext context, String expr) {
      return RollAnswer.ok(7, expr);
    }

    @Override
    public SavedRollAnswer savedRoll(PlugCallContext context, String name) {
      return SavedRollAnswer.error("none");
    }

    @Override
    public void log(PlugCallContext context, LogLevel level, String message) {
      logs.add(context.plugName() + " " + level + " " + message);
    }
  };
  private PlugRuntime runtime = PlugRuntime.create(TestPlugs.RELAXED, host, null);

  @AfterEach
  void close() {
    runtime.close();
  }

  private static String reply(String text) {
    return "{\"action\":\"reply\",\"text\":\"" + text + "\"}";
  }

  @Test
  void beforeReplyMayReplaceTheReplyAndAfterReplyIsCalled() {
    ChannelPlugs ch = runtime.channel("c1");
    TestPlugs.installReplying(runtime, ch, "a", reply("polished"));
    assertThat(ch.beforeReply(command("/r 1d20"), "raw").join()).isEqualTo("polished");
    ch.afterReply(command("/r 1d20"), "polished").join();
    assertThat(ch.get("a").orElseThrow().metrics().calls()).isEqualTo(2);

    TestPlugs.installReplying(runtime, ch, "a", "{\"action\":\"pass\"}");
    assertThat(ch.beforeReply(command("/r 1d20"), "raw").join()).isEqualTo("raw");
  }

  @Test
  void plugErrorCarriesTheMessageItSet() {
    ChannelPlugs ch = runtime.channel("c1");
    ch.install("e", runtime.load(module("config-output")).join(), Map.of("rc", "3"));
    PlugRun run = ch.run(command("x")).join().runs().get(0);
    assertThat(run.fault()).isEqualTo(FaultKind.PLUG_ERROR);
    assertThat(run.message()).isEqualTo("output"); // the error text the module sets
  }

  @Test
  void varsPersistAcrossCallsAndAcrossAHotSwap() {
    ChannelPlugs ch = runtime.channel("c1");
    PlugModule counter = runtime.load(module("vars-counter")).join();
    ch.install("n", counter);
    assertThat(ch.run(command("x")).join().reply()).isEqualTo("1");
    assertThat(ch.run(command("x")).join().reply()).isEqualTo("2");
    ch.install("n", counter);
    assertThat(ch.run(command("x")).join().reply()).isEqualTo("3");
    // another channel has its own vars
    runtime.channel("c2").install("n", counter);
    assertThat(runtime.channel("c2").run(command("x")).join().reply()).isEqualTo("1");
  }

  @Test
  void wasiStdoutGoesToThePlugLogAndClocksWork() {
    ChannelPlugs ch = runtime.channel("c1");
    ch.install("w", runtime.load(module("wasi-log")).join());
    PlugRun run = ch.run(command("x")).join().runs().get(0);
    assertThat(run.fault()).isNull();
    assertThat(logs).contains("w INFO hello from wasi");
  }

  @Test
  void metricsCountCallsErrorsLatencyAndBytes() {
    ChannelPlugs ch = runtime.channel("c1");
    PlugInfo installed = TestPlugs.installReplying(runtime, ch, "m", reply("hi"));
    for (int i = 0; i < 20; i++) ch.run(command("/r 1d20")).join();
    PlugMetricsSnapshot m = ch.get("m").orElseThrow().metrics();
    assertThat(m.calls()).isEqualTo(20);
    assertThat(m.errors()).isZero();
    assertThat(m.bytesOut()).isEqualTo(20L * reply("hi").length());
    assertThat(m.bytesIn()).isGreaterThan(20L * "/r 1d20".length());
    assertThat(m.p50Micros()).isPositive();
    assertThat(m.p99Micros()).isGreaterThanOrEqualTo(m.p50Micros());
    assertThat(m.maxMicros()).isGreaterThanOrEqualTo(m.p99Micros());
    assertThat(runtime.metricsByModule().get(installed.hash()).calls()).isEqualTo(20);
  }

  @Test
  void sameBytesCompileOnceAndARestartLoadsCompiledCodeFromDisk(@TempDir Path cache) {
    runtime.close();
    byte[] wasm = TestPlugs.example("wat/shout.wasm");
    try (PlugRuntime first = PlugRuntime.create(TestPlugs.RELAXED, host, cache)) {
      PlugModule a = first.load(wasm).join();
      PlugModule b = first.load(wasm).join();
      assertThat(a.fromCache()).isFalse();
      assertThat(b.fromCache()).isTrue();
      assertThat(b.hash()).isEqualTo(a.hash());
      assertThat(first.stats().memoryCacheHits()).isGreaterThanOrEqualTo(1);
      a.compiled().join(); // a fresh upload answers in the interpreter while it compiles
      assertThat(a.usesInterpreter()).isFalse();
    }
    runtime = PlugRuntime.create(TestPlugs.RELAXED, host, cache);
    PlugModule again = runtime.load(wasm).join();
    assertThat(again.fromCache()).isTrue();
    assertThat(again.usesInterpreter()).isFalse(); // cached code: never the interpreter path
    assertThat(again.compiled()).isDone();
    assertThat(runtime.stats().diskCacheHits()).isGreaterThanOrEqualTo(1);
    runtime.channel("c1").install("s", again);
    assertThat(runtime.channel("c1").run(command("/shout hi")).join().reply()).isEqualTo("HI!");
  }

  @Test
  void uploadsBeyondTheCompileQueueAreRefusedAsBusy() {
    runtime.close();
    runtime = PlugRuntime.create(TestPlugs.RELAXED.toBuilder().compileThreads(1).compileQueue(1).build(), host, null);
    byte[] big = module("too-big-function"); // slow to compile: keeps the single compile thread busy
    var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<PlugModule>>();
    for (int i = 0; i < 6; i++) futures.add(runtime.load(TestPlugs.salted(big, i)));
    long busy = futures.stream().filter(f -> {
      Throwable t = catchThrowable(f::join);
      return t != null && t.getCause() instanceof PlugRejectedException r && r.httpStatus() == 503;
    }).count();
    assertThat(busy).isGreaterThanOrEqualTo(3);
    // the ones accepted answer (interpreted while they compile, or for good for a function this big)
    var accepted = futures.stream().filter(f -> catchThrowable(f::join) == null).toList();
    assertThat(accepted).isNotEmpty();
    assertThat(accepted.get(0).join().usesInterpreter()).isTrue();
  }

  @Test
  void functionTooLargeToCompileRunsInTheCountedInterpreterAndStillStopsOnTime() {
    runtime.close();
    runtime = PlugRuntime.create(TestPlugs.RELAXED.toBuilder().interpretWhileCompiling(false).build(), host, null);
    PlugModule big = runtime.load(module("too-big-function")).join();
    assertThat(big.usesInterpreter()).isTrue();
    runtime.channel("c1").install("big", big);
    assertThat(runtime.channel("c1").run(command("x")).join().runs().get(0).fault()).isNull();

    runtime.close();
    runtime = PlugRuntime.create(PlugLimits.DEFAULTS.toBuilder().interpretWhileCompiling(false)
        .instantiateTimeout(java.time.Duration.ofSeconds(20)).build(), host, null);
    runtime.channel("c1").install("spin", runtime.load(module("too-big-function-loop")).join());
    PlugRun run = runtime.channel("c1").run(command("x")).join().runs().get(0);
    assertThat(run.fault()).isEqualTo(FaultKind.TIMEOUT);
    assertThat(runtime.stats().abandonedWorkers()).isZero();
  }

  @Test
  void withoutTheInterpreterFallbackSuchAModuleIsRefusedWithTheReason() {
    runtime.close();
    runtime = PlugRuntime.create(TestPlugs.RELAXED.toBuilder().interpreterFallback(false).build(), host, null);
    Throwable t = catchThrowable(() -> runtime.load(module("too-big-function")).join());
    assertThat(t.getCause()).isInstanceOf(PlugRejectedException.class);
    var e = (PlugRejectedException) t.getCause();
    assertThat(e.reason()).isEqualTo(PlugRejectedException.Reason.NOT_COMPILABLE);
    assertThat(e.getMessage()).contains("Java method size");
  }
}
