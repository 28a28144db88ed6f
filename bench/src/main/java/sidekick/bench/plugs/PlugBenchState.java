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
    cModule = (LoadedModule) runtime.load(PlugFixtures.module(PlugFixtures.C_PLUG)).join();
    LoadedModule asModule = (LoadedModule) runtime.load(PlugFixtures.module(PlugFixtures.AS_PLUG)).join();
    cPlug = plug(cModule);
    asPlug = plug(asModule);
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

  private static WasmPlug plug(LoadedModule m) {
    return new WasmPlug("bench", m, Map.of(), new PlugVars(PlugLimits.DEFAULT_MAX_VAR_BYTES), PlugHost.NONE,
        PlugLimits.DEFAULTS, new PlugMetrics(), null, new FaultBreaker(1_000_000, Duration.ZERO));
  }

  /**
   * Both paths must give the same answer, or the comparison means nothing. The very first calls
   * of a cold JVM may pass the 50 ms limit: retry a while before comparing.
   */
  private void check() {
    for (int i = 0; i < 1000 && !(cCall().ok() && asCall().ok()); i++) {
      // warming up
    }
    CallResult c = cCall();
    CallResult a = asCall();
    if (!c.ok() || !a.ok()) throw new IllegalStateException("plug calls fail: " + c + " / " + a);
    String ours = new String(c.output());
    String theirs = new String(cBare.call(cInput));
    if (!ours.equals(theirs) || !ours.contains("Hello, Grog")) throw new IllegalStateException(ours + " vs " + theirs);
    String asOurs = new String(a.output());
    String asTheirs = new String(asBare.call(asInput));
    if (!asOurs.equals(asTheirs) || !asOurs.contains("2d20kh1+5")) {
      throw new IllegalStateException(asOurs + " vs " + asTheirs);
    }
  }

  CallResult cCall() {
    return cPlug.call("handle", cInput, context, watchdog.slot(), null);
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
