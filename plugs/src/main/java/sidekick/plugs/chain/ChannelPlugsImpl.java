package sidekick.plugs.chain;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import sidekick.plugs.ChainResult;
import sidekick.plugs.ChannelPlugs;
import sidekick.plugs.CommandInput;
import sidekick.plugs.PlugInfo;
import sidekick.plugs.PlugModule;
import sidekick.plugs.PlugRejectedException;
import sidekick.plugs.kernel.PlugVars;
import sidekick.plugs.load.LoadedModule;
import sidekick.plugs.metrics.PlugMetrics;

/**
 * A channel's chain as an immutable, name-ordered list swapped atomically: a run takes the list as
 * it is when it starts, so installs, swaps and removals never pause or fail calls in flight, which
 * finish on the version they started with.
 */
public final class ChannelPlugsImpl implements ChannelPlugs {
  private final String channel;
  private final PlugEnvironment env;
  private final AtomicReference<List<Plug>> plugs = new AtomicReference<>(List.of());

  public ChannelPlugsImpl(String channel, PlugEnvironment env) {
    this.channel = channel;
    this.env = env;
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public PlugInfo install(String name, PlugModule module, Map<String, String> config) {
    if (!(module instanceof LoadedModule loaded)) {
      throw new IllegalArgumentException("not a module loaded by this runtime");
    }
    checkName(name);
    Plug previous = find(name);
    PlugVars vars = previous instanceof WasmPlug w ? w.vars() : new PlugVars(env.limits().maxVarBytes());
    Plug plug =
        new WasmPlug(name, loaded, config, vars, env.host(), env.limits(), metricsOf(previous),
            env.moduleMetrics(loaded.hash()), breakerOf(previous), env.idleBudget());
    put(plug);
    WasmPlug wasm = (WasmPlug) plug;
    env.background(slot -> WarmJob.warm(wasm, slot));
    // a recycled instance is replaced in the background, so the next call finds one warm
    wasm.pool().onRecycle(() -> env.background(slot -> WarmJob.warm(wasm, slot)));
    return plug.info();
  }

  @Override
  public PlugInfo installHttp(String name, URI url) throws PlugRejectedException {
    HttpPlug.checkAllowed(url, env.limits());
    checkName(name);
    Plug previous = find(name);
    Plug plug = new HttpPlug(name, url, env.httpClient(), env.limits(), metricsOf(previous), breakerOf(previous));
    put(plug);
    return plug.info();
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("a plug name must be 1 to 64 characters");
    }
  }

  private PlugMetrics metricsOf(Plug previous) {
    return previous == null ? new PlugMetrics() : previous.metrics();
  }

  private FaultBreaker breakerOf(Plug previous) {
    // a new version starts with a clean record
    return new FaultBreaker(env.limits().faultsBeforeDisable(), env.limits().disableFor());
  }

  private void put(Plug plug) {
    Plug previous = find(plug.name());
    plugs.updateAndGet(list -> {
      List<Plug> next = new ArrayList<>(list.size() + 1);
      boolean replaced = false;
      for (Plug p : list) {
        if (p.name().equals(plug.name())) {
          next.add(plug);
          replaced = true;
        } else {
          next.add(p);
        }
      }
      if (!replaced) {
        if (list.size() >= env.limits().maxPlugsPerChannel()) {
          throw new IllegalStateException("channel " + channel + " already has " + list.size() + " plugs");
        }
        next.add(plug);
      }
      next.sort(Comparator.comparing(Plug::name));
      return List.copyOf(next);
    });
    if (previous != null && previous != plug) previous.retire();
  }

  private Plug find(String name) {
    for (Plug p : plugs.get()) if (p.name().equals(name)) return p;
    return null;
  }

  @Override
  public boolean remove(String name) {
    Plug gone = find(name);
    plugs.updateAndGet(list -> {
      List<Plug> next = new ArrayList<>(list);
      next.removeIf(p -> p.name().equals(name));
      return List.copyOf(next);
    });
    if (gone != null) gone.retire();
    return gone != null;
  }

  /** Every plug leaves the chain (the channel is dropped). */
  public void retireAll() {
    for (Plug p : plugs.getAndSet(List.of())) p.retire();
  }

  @Override
  public List<PlugInfo> list() {
    return plugs.get().stream().map(Plug::info).toList();
  }

  @Override
  public Optional<PlugInfo> get(String name) {
    return Optional.ofNullable(find(name)).map(Plug::info);
  }

  @Override
  public CompletableFuture<ChainResult> run(CommandInput input) {
    return submit(input, ChainJob.Mode.HANDLE, null);
  }

  @Override
  public CompletableFuture<String> beforeReply(CommandInput input, String reply) {
    return submit(input, ChainJob.Mode.BEFORE_REPLY, reply).thenApply(ChainResult::reply);
  }

  @Override
  public CompletableFuture<Void> afterReply(CommandInput input, String reply) {
    return submit(input, ChainJob.Mode.AFTER_REPLY, reply).thenApply(r -> null);
  }

  private CompletableFuture<ChainResult> submit(CommandInput input, ChainJob.Mode mode, String reply) {
    List<Plug> snapshot = plugs.get();
    String export = switch (mode) {
      case HANDLE -> "handle";
      case BEFORE_REPLY -> "before_reply";
      case AFTER_REPLY -> "after_reply";
    };
    if (snapshot.stream().noneMatch(p -> p.hasExport(export))) {
      return CompletableFuture.completedFuture(
          new ChainResult(mode == ChainJob.Mode.HANDLE ? null : reply, null, input.segments(), List.of()));
    }
    ChainJob job = new ChainJob(channel, snapshot, input, mode, reply);
    env.workers().submit(job);
    return job.result();
  }
}
