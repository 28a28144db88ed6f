package sidekick.plugs.chain;

import java.util.Map;
import sidekick.plugs.FaultKind;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugHost.PlugCallContext;
import sidekick.plugs.PlugInfo;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.GuardedCall;
import sidekick.plugs.exec.IdleBudget;
import sidekick.plugs.exec.InstancePool;
import sidekick.plugs.exec.PlugInstance;
import sidekick.plugs.exec.Watchdog;
import sidekick.plugs.kernel.PlugVars;
import sidekick.plugs.load.LoadedModule;
import sidekick.plugs.metrics.PlugMetrics;

/** A WebAssembly plug installed in a channel: its module, warm instances, vars and counters. */
public final class WasmPlug implements Plug {
  private final String name;
  private final LoadedModule module;
  private final InstancePool pool;
  private final PlugVars vars;
  private final long timeoutNanos;
  private final long instantiateNanos;
  private final PlugMetrics metrics;
  private final PlugMetrics moduleMetrics;
  private final FaultBreaker breaker;

  public WasmPlug(
      String name,
      LoadedModule module,
      Map<String, String> config,
      PlugVars vars,
      PlugHost host,
      PlugLimits limits,
      PlugMetrics metrics,
      PlugMetrics moduleMetrics,
      FaultBreaker breaker) {
    this(name, module, config, vars, host, limits, metrics, moduleMetrics, breaker,
        new IdleBudget(limits.maxIdleInstancesTotal(), limits.maxIdleInstanceBytes()));
  }

  /** A plug whose idle instances count in {@code idleBudget} (the runtime's, shared by every plug). */
  public WasmPlug(
      String name,
      LoadedModule module,
      Map<String, String> config,
      PlugVars vars,
      PlugHost host,
      PlugLimits limits,
      PlugMetrics metrics,
      PlugMetrics moduleMetrics,
      FaultBreaker breaker,
      IdleBudget idleBudget) {
    this.name = name;
    this.module = module;
    this.vars = vars;
    Map<String, String> cfg = Map.copyOf(config);
    this.pool = new InstancePool(limits.maxIdleInstances(), limits.recycleGrowthBytes(), idleBudget,
        () -> PlugInstance.create(module, vars, cfg, host, limits));
    this.timeoutNanos = limits.callTimeout().toNanos();
    this.instantiateNanos = limits.instantiateTimeout().toNanos();
    this.metrics = metrics;
    this.moduleMetrics = moduleMetrics;
    this.breaker = breaker;
  }

  @Override public String name() { return name; }
  @Override public boolean hasExport(String export) { return module.exports().contains(export); }
  @Override public PlugMetrics metrics() { return metrics; }
  @Override public FaultBreaker breaker() { return breaker; }
  @Override public String moduleHash() { return module.hash(); }
  public LoadedModule module() { return module; }
  public PlugVars vars() { return vars; }
  public InstancePool pool() { return pool; }

  @Override
  public CallResult call(String export, byte[] input, PlugCallContext context, Watchdog.Slot slot, Runnable onAbandon) {
    return GuardedCall.run(slot, timeoutNanos, instantiateNanos, onAbandon, pool, export, input, context);
  }

  /** Creates one instance ahead of the first call (on a worker, under the instantiate limit). */
  public CallResult warm(Watchdog.Slot slot, Runnable onAbandon) {
    return pool.hasIdle() ? new CallResult(0, null, null, null, null, 0) : GuardedCall.warm(slot, instantiateNanos, onAbandon, pool);
  }

  @Override
  public void record(CallResult result, int bytesIn, int bytesOut, FaultKind fault) {
    metrics.record(result.nanos(), bytesIn, bytesOut, fault);
    if (moduleMetrics != null) moduleMetrics.record(result.nanos(), bytesIn, bytesOut, fault);
  }

  @Override
  public void retire() {
    pool.retire();
  }

  @Override
  public PlugInfo info() {
    return new PlugInfo(name, PlugInfo.Kind.WASM, module.hash(), module.length(), null,
        breaker.disabledUntil(), metrics.snapshot());
  }
}
