package sidekick.bench.plugs;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import sidekick.plugs.ChainResult;
import sidekick.plugs.exec.CallResult;

/**
 * Two threads calling the same installed plug (each call takes its own instance from the pool):
 * calls per second, runtime against bare Chicory (one bare instance per thread).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class PlugThroughputBenchmark {
  /** Bare Chicory has no pool: one instance per thread. */
  @State(Scope.Thread)
  public static class PerThread {
    BareChicoryHost bare;

    @Setup(Level.Trial)
    public void setUp() {
      var m = com.dylibso.chicory.wasm.Parser.parse(PlugFixtures.module(PlugFixtures.C_PLUG));
      bare = new BareChicoryHost(m, com.dylibso.chicory.compiler.MachineFactoryCompiler.compile(m));
    }
  }

  @Benchmark
  public CallResult cWarmCallTwoThreads(PlugBenchState s) {
    return s.cCall();
  }

  @Benchmark
  public byte[] cBareChicoryTwoThreads(PlugBenchState s, PerThread t) {
    return t.bare.call(s.cInput);
  }

  @Benchmark
  public ChainResult cChainRunTwoThreads(PlugBenchState s) {
    return s.channel.run(s.cCommand).join();
  }
}
