package sidekick.bench.plugs;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.time.Duration;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import sidekick.plugs.ChannelPlugs;
import sidekick.plugs.CommandInput;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.PlugRuntime;
import sidekick.plugs.chain.FaultBreaker;
import sidekick.plugs.chain.PlugJson;
import sidekick.plugs.chain.WasmPlug;
import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.Watchdog;
import sidekick.plugs.kernel.PlugVars;
import sidekick.plugs.load.LoadedModule;
import sidekick.plugs.metrics.PlugMetrics;

/**
 * The runtime with the C and AssemblyScript example plugs loaded, and the same modules on bare
 * Chicory with a minimal host (the baseline). Both paths are checked to give the same answer.
 */
@State(Scope.Benchmark)
public class PlugBenchState {
  PlugRuntime runtime;
  Watchdog watchdog;
  LoadedModule cModule;
  WasmPlug cPlug;
  WasmPlug asPlug;
  WasmPlug asEchoPlug;
  BareChicoryHost asEchoBare;
  byte[] asEchoInput;
  BareChicoryHost cBare;
  BareChicoryHost asBare;
  WasmModule cBareModule;
  java.util.function.Function<com.dylibso.chicory.runtime.Instance, com.dylibso.chicory.runtime.Machine> cBareMachine;
  ChannelPlugs channel;
  CommandInput cCommand;
  byte[] cInput;
  byte[] asInput;
  PlugHost.PlugCallContext context;

  @Setup(Level.Trial)
  public void setUp() {
    runtime = PlugRuntime.create(PlugLimits.DEFAULTS, PlugHost.NONE, null);
    watchdog = new Watchdog(Watchdog.tickFor(PlugLimits.DEFAULT_CALL_TIMEOUT.toNanos()));
    cModule = compiled(PlugFixtures.C_PLUG);
    LoadedModule asModule = compiled(PlugFixtures.AS_PLUG);
    cPlug = plug(cModule);
    asPlug = plug(asModule);
    asEchoPlug = plug(compiled(PlugFixtures.AS_ECHO_PLUG));
    asEchoInput = PlugJson.input(PlugFixtures.command(PlugFixtures.AS_ECHO_COMMAND), null);
    WasmModule echo = Parser.parse(PlugFixtures.module(PlugFixtures.AS_ECHO_PLUG));
    asEchoBare = new BareChicoryHost(echo, MachineFactoryCompiler.compile(echo));
    cCommand = PlugFixtures.command(PlugFixtures.C_COMMAND);
    cInput = PlugJson.input(cCommand, null);
    asInput = PlugJson.input(PlugFixtures.command(PlugFixtures.AS_COMMAND), null);
    context = new PlugHost.PlugCallContext("c1", "bench", cModule.hash(), cCommand);
    cBareModule = Parser.parse(PlugFixtures.module(PlugFixtures.C_PLUG));
    cBareMachine = MachineFactoryCompiler.compile(cBareModule);
    cBare = new BareChicoryHost(cBareModule, cBareMachine);
    WasmModule as = Parser.parse(PlugFixtures.module(PlugFixtures.AS_PLUG));
    asBare = new BareChicoryHost(as, MachineFactoryCompiler.compile(as));
    channel = runtime.channel("c1");
    channel.install("greet", cModule);
    check();
  }

  /** A fresh upload answers in the interpreter while it compiles: these benchmarks measure compiled code. */
  private LoadedModule compiled(String name) {
    LoadedModule m = (LoadedModule) runtime.load(PlugFixtures.module(name)).join();
    m.compiled().join();
    return m;
  }

  private static WasmPlug plug(LoadedModule m) {
    return new WasmPlug("bench", m, Map.of(), new PlugVars(PlugLimits.DEFAULT_MAX_VAR_BYTES), PlugHost.NONE,
        PlugLimits.DEFAULTS, new PlugMetrics(), null, new FaultBreaker(1_000_000, Duration.ZERO));
  }

  /**
   * Both paths must give the same answer, or the comparison means nothing. The first calls of a
   * cold JVM on a busy machine may pass the 50 ms limit: retry each until it runs cleanly.
   */
  private void check() {
    same(ok(this::cCall), cBare.call(cInput), "Hello, Grog");
    same(ok(this::asCall), asBare.call(asInput), "2d20kh1+5");
    same(ok(this::asEchoCall), asEchoBare.call(asEchoInput), "echo heard");
  }

  private static byte[] ok(java.util.function.Supplier<CallResult> call) {
    CallResult r = call.get();
    for (int i = 0; i < 1000 && !r.ok(); i++) r = call.get();
    if (!r.ok()) throw new IllegalStateException("plug call keeps failing: " + r);
    return r.output();
  }

  private static void same(byte[] ours, byte[] bare, String expected) {
    String a = new String(ours);
    String b = new String(bare);
    if (!a.equals(b) || !a.contains(expected)) throw new IllegalStateException(a + " vs " + b);
  }

  CallResult cCall() {
    return cPlug.call("handle", cInput, context, watchdog.slot(), null);
  }

  CallResult asEchoCall() {
    return asEchoPlug.call("handle", asEchoInput, context, watchdog.slot(), null);
  }

  CallResult asCall() {
    return asPlug.call("handle", asInput, context, watchdog.slot(), null);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
    watchdog.close();
  }
}
