package sidekick.core.plug;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.CoreException;
import sidekick.core.PlugInfo;
import sidekick.core.PlugUpload;
import sidekick.plugs.ChainResult;
import sidekick.plugs.ChannelPlugs;
import sidekick.plugs.FaultKind;
import sidekick.plugs.PlugModule;
import sidekick.plugs.PlugRejectedException;
import sidekick.plugs.PlugRun;
import sidekick.plugs.PlugRuntime;
import sidekick.store.InvalidNameException;
import sidekick.store.ModuleTooLargeException;
import sidekick.store.UsageStats;
import sidekick.store.WasmStore;

/**
 * A channel's plugs, kept in two places: the module bytes in the WASM store (what survives a restart)
 * and the compiled chain in the plug runtime (what runs). A channel's chain is loaded from the store on
 * its first use after a start. Usage of every call is recorded in the store.
 */
public final class PlugService {
  private static final Logger log = LoggerFactory.getLogger(PlugService.class);

  private final PlugRuntime runtime;
  private final WasmStore store;
  private final int maxNameChars;
  /** Channels whose chain was loaded from the store, with their plug count (0: skip the chain). */
  private final Map<String, Integer> loaded = new ConcurrentHashMap<>();
  /**
   * Each loaded channel's plugs by name with their module hash, for usage records: asking the chain
   * ({@code ChannelPlugs.get}) builds a whole {@code PlugInfo} with latency percentiles per call.
   */
  private final Map<String, Map<String, String>> hashes = new ConcurrentHashMap<>();
  /** The lock of each channel whose chain is being loaded. */
  private final Map<String, Object> loading = new ConcurrentHashMap<>();
  private final ToIntFunction<String> chainLoader;

  public PlugService(PlugRuntime runtime, WasmStore store, int maxNameChars) {
    this(runtime, store, maxNameChars, null);
  }

  /** For tests: {@code chainLoader} stands in for loading a channel's chain from the store (null: it is). */
  PlugService(PlugRuntime runtime, WasmStore store, int maxNameChars, ToIntFunction<String> chainLoader) {
    this.runtime = runtime;
    this.store = store;
    this.maxNameChars = maxNameChars;
    this.chainLoader = chainLoader != null ? chainLoader : this::loadFromStore;
  }

  /** True when the channel has at least one plug (loading its chain if needed). */
  public boolean hasPlugs(String channel) {
    return ensureLoaded(channel) > 0;
  }

  /** True when the channel's chain is loaded and empty: no plug, and nothing to load. */
  public boolean knownToHaveNone(String channel) {
    Integer n = loaded.get(channel);
    return n != null && n == 0;
  }

  /**
   * The channel's plug count when its chain is loaded (using it then blocks on nothing), else -1:
   * one lookup answers both whether and how many.
   */
  public int loadedCount(String channel) {
    Integer n = loaded.get(channel);
    return n == null ? -1 : n;
  }

  public ChannelPlugs chain(String channel) {
    ensureLoaded(channel);
    return runtime.channel(channel);
  }

  /**
   * The channel's plug count, its chain loaded from the store on first use. A load compiles every
   * module of the channel (seconds for big ones after a restart), so it holds a lock of that channel
   * only: other channels' commands, uploads and loads go on meanwhile.
   */
  private int ensureLoaded(String channel) {
    Integer n = loaded.get(channel);
    if (n != null) return n;
    Object lock = loading.computeIfAbsent(channel, c -> new Object());
    try {
      synchronized (lock) {
        n = loaded.get(channel);
        if (n != null) return n;
        int count = chainLoader.applyAsInt(channel);
        loaded.put(channel, count);
        return count;
      }
    } finally {
      // a caller still waiting on this lock finds the channel loaded; a later one makes a new lock
      loading.remove(channel, lock);
    }
  }

  private int loadFromStore(String channel) {
    int count = 0;
    for (sidekick.store.PlugInfo p : store.list(channel)) {
      try {
        PlugModule module = runtime.load(store.get(channel, p.name())).join();
        runtime.channel(channel).install(p.name(), module);
        hashesOf(channel).put(p.name(), module.hash());
        count++;
      } catch (RuntimeException e) {
        // A module the current limits refuse stays in the store, unused, and says so in the log.
        log.warn("plug {} of channel {} not loaded: {}", p.name(), channel, rootMessage(e));
      }
    }
    return count;
  }

  /** Validates, compiles, stores and installs (or hot-swaps) a plug. */
  public PlugUpload put(String channel, String name, String server, String user, byte[] wasm) {
    String problem = PlugNames.problem(name, maxNameChars);
    if (problem != null) throw CoreException.badRequest(problem);
    ensureLoaded(channel);
    ChannelPlugs chain = runtime.channel(channel);
    checkRoom(chain, name);
    PlugModule module = compile(wasm); // slow: outside the lock
    synchronized (this) {
      checkRoom(chain, name); // another upload may have taken the last place meanwhile
      boolean replaced = chain.get(name).isPresent();
      try {
        store.put(channel, name, server == null ? "" : server, user == null ? "" : user, wasm);
      } catch (ModuleTooLargeException e) {
        throw CoreException.tooLarge(e.getMessage());
      } catch (InvalidNameException e) {
        throw CoreException.badRequest(e.getMessage());
      }
      chain.install(name, module);
      hashesOf(channel).put(name, module.hash());
      if (!replaced) loaded.merge(channel, 1, Integer::sum);
      return new PlugUpload(name, module.hash(), module.length(), module.compileMillis(), replaced);
    }
  }

  private void checkRoom(ChannelPlugs chain, String name) {
    int max = runtime.limits().maxPlugsPerChannel();
    if (chain.get(name).isEmpty() && chain.list().size() >= max) {
      throw CoreException.badRequest("this channel has " + max + " plugs already; remove one first");
    }
  }

  private PlugModule compile(byte[] wasm) {
    try {
      return runtime.load(wasm).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof PlugRejectedException r) {
        CoreException.Status status = switch (r.httpStatus()) {
          case 413 -> CoreException.Status.TOO_LARGE;
          case 503 -> CoreException.Status.TOO_MANY_REQUESTS;
          default -> CoreException.Status.BAD_REQUEST;
        };
        Integer retry = status == CoreException.Status.TOO_MANY_REQUESTS ? 5 : null;
        throw new CoreException(status, "plug refused: " + r.getMessage(), null, retry, null);
      }
      throw CoreException.internal("plug compile failed", e.getCause());
    }
  }

  /** Removes a plug; false when the channel had none by that name. */
  public boolean remove(String channel, String name) {
    ensureLoaded(channel);
    synchronized (this) {
      boolean inChain = runtime.channel(channel).remove(name);
      boolean inStore = store.remove(channel, name);
      hashesOf(channel).remove(name);
      if (inChain) loaded.merge(channel, -1, Integer::sum);
      return inChain || inStore;
    }
  }

  /** The channel's plugs in chain order, with persisted usage and the runtime's byte counters. */
  public List<PlugInfo> list(String channel) {
    ensureLoaded(channel);
    List<PlugInfo> out = new ArrayList<>();
    for (sidekick.plugs.PlugInfo p : runtime.channel(channel).list()) {
      Optional<sidekick.store.PlugInfo> stored = store.find(channel, p.name());
      UsageStats u = stored.map(sidekick.store.PlugInfo::usage).orElse(UsageStats.NONE);
      out.add(new PlugInfo(p.name(), p.hash(), p.length(),
          stored.map(sidekick.store.PlugInfo::uploadedBy).orElse(null),
          stored.map(sidekick.store.PlugInfo::uploadedAt).orElse(null),
          u.calls(), u.errors(), u.p50Micros(), u.p99Micros(),
          p.metrics().bytesIn(), p.metrics().bytesOut()));
    }
    return out;
  }

  private Map<String, String> hashesOf(String channel) {
    return hashes.computeIfAbsent(channel, c -> new ConcurrentHashMap<>());
  }

  /**
   * Records each plug call of a chain run in the store's usage statistics (kept in memory there and
   * written in batches); calls of a plug removed meanwhile are not recorded.
   */
  public void recordUsage(String channel, ChainResult result) {
    if (result.runs().isEmpty()) return;
    Map<String, String> byName = hashes.getOrDefault(channel, Map.of());
    for (PlugRun run : result.runs()) {
      if (run.fault() == FaultKind.DISABLED) continue;
      String hash = byName.get(run.plug());
      if (hash == null) continue; // removed meanwhile, or an HTTP plug (no module)
      store.recordUsage(channel, run.plug(), hash, run.micros(),
          run.action() != PlugRun.Action.FAULT, run.bytesIn(), run.bytesOut());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
