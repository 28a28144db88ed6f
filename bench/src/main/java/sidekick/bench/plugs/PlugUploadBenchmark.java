package sidekick.bench.plugs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import sidekick.plugs.ChainResult;
import sidekick.plugs.ChannelPlugs;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.PlugModule;
import sidekick.plugs.PlugRuntime;

/**
 * Upload to first call: validate, parse, compile (never from a cache: each upload is salted into a
 * new sha256), install, and answer a first command. A 14 KB module (the AssemblyScript example)
 * and a 1.5 MB one (generated C). Each invocation is timed alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class PlugUploadBenchmark {
  private final AtomicLong salt = new AtomicLong(System.nanoTime());
  PlugRuntime runtime;
  byte[] small;
  byte[] big;
  byte[] nextSmall;
  byte[] nextBig;

  @Setup(Level.Trial)
  public void setUp() {
    // the first command of a fresh module may be slow on a busy machine: give it room
    runtime = PlugRuntime.create(PlugLimits.DEFAULTS.toBuilder().callTimeout(java.time.Duration.ofSeconds(10)).build(),
        PlugHost.NONE, null);
    small = PlugFixtures.module(PlugFixtures.UPLOAD_14KB);
    big = PlugFixtures.module(PlugFixtures.BIG_PLUG);
  }

  @Setup(Level.Invocation)
  public void salt() {
    nextSmall = PlugFixtures.salted(small, salt.incrementAndGet());
    nextBig = PlugFixtures.salted(big, salt.incrementAndGet());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
  }

  /**
   * Each upload is measured alone: the previous one's background compile (a fresh upload answers
   * in the interpreter meanwhile) finishes outside the timed part.
   */
  @TearDown(Level.Invocation)
  public void awaitBackgroundCompile() {
    PlugModule m = lastUploaded;
    if (m != null) m.compiled().exceptionally(e -> null).join();
  }

  private volatile PlugModule lastUploaded;

  private ChainResult uploadAndCall(byte[] module, String command) {
    PlugModule m = runtime.load(module).join();
    lastUploaded = m;
    ChannelPlugs ch = runtime.channel("upload");
    ch.install("p", m);
    ChainResult r = ch.run(PlugFixtures.command(command)).join();
    if (r.runs().isEmpty() || r.runs().get(0).fault() != null) throw new IllegalStateException(String.valueOf(r));
    return r;
  }

  @Benchmark
  public ChainResult upload14KbToFirstCall() {
    return uploadAndCall(nextSmall, PlugFixtures.AS_COMMAND);
  }

  /** Baseline: bare Chicory parses, compiles, instantiates and calls the same 14 KB module. */
  @Benchmark
  public byte[] bareChicory14KbToFirstCall() {
    var m = com.dylibso.chicory.wasm.Parser.parse(nextSmall);
    var host = new BareChicoryHost(m, com.dylibso.chicory.compiler.MachineFactoryCompiler.compile(m));
    return host.call(sidekick.plugs.chain.PlugJson.input(PlugFixtures.command(PlugFixtures.AS_COMMAND), null));
  }

  /** Baseline for the large module. */
  @Benchmark
  public byte[] bareChicory1_5MbToFirstCall() {
    var m = com.dylibso.chicory.wasm.Parser.parse(nextBig);
    var host = new BareChicoryHost(m, com.dylibso.chicory.compiler.MachineFactoryCompiler.compile(m));
    return host.call(sidekick.plugs.chain.PlugJson.input(PlugFixtures.command(PlugFixtures.C_COMMAND), null));
  }

  @Benchmark
  public ChainResult upload1_5MbToFirstCall() {
    return uploadAndCall(nextBig, PlugFixtures.C_COMMAND);
  }
}
