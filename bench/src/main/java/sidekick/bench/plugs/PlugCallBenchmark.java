package sidekick.bench.plugs;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import sidekick.plugs.ChainResult;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.PlugInstance;
import sidekick.plugs.kernel.PlugVars;

/**
 * Warm plug calls on a 100-byte command: the runtime's guarded call (watchdog, instance pool,
 * bounded Extism kernel) against bare Chicory running the same module with a minimal host, in the
 * same run; plus the whole chain (worker hand-off, JSON in and out) and a fresh instance per call.
 * SampleTime gives p50/p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlugCallBenchmark {

  @Benchmark
  public CallResult cWarmCall(PlugBenchState s) {
    return s.cCall();
  }

  @Benchmark
  public byte[] cBareChicory(PlugBenchState s) {
    return s.cBare.call(s.cInput);
  }

  @Benchmark
  public CallResult asWarmCall(PlugBenchState s) {
    return s.asCall();
  }

  @Benchmark
  public byte[] asBareChicory(PlugBenchState s) {
    return s.asBare.call(s.asInput);
  }

  /** The whole chain as the core runs it: worker hand-off, input JSON, call, output parsing. */
  @Benchmark
  public ChainResult cChainRun(PlugBenchState s) {
    return s.channel.run(s.cCommand).join();
  }

  /** A new instance (instantiate, _initialize) and one call, on the runtime. */
  @Benchmark
  public int cFreshInstanceAndCall(PlugBenchState s) {
    PlugInstance p = PlugInstance.create(s.cModule, new PlugVars(1024), Map.of(), PlugHost.NONE, PlugLimits.DEFAULTS);
    p.session().call().begin(s.context, s.cInput);
    int rc = p.call("handle");
    p.session().endCall();
    return rc;
  }

  /** The same on bare Chicory (the compiled machine factory reused, as the runtime does). */
  @Benchmark
  public byte[] cFreshInstanceBare(PlugBenchState s) {
    return new BareChicoryHost(s.cBareModule, s.cBareMachine).call(s.cInput);
  }
}
