package sidekick.plugs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import sidekick.plugs.chain.ChannelPlugsImpl;
import sidekick.plugs.chain.FaultBreaker;
import sidekick.plugs.chain.HttpPlug;
import sidekick.plugs.chain.PlugEnvironment;
import sidekick.plugs.chain.WasmPlug;
import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.IdleBudget;
import sidekick.plugs.exec.PlugInstance;
import sidekick.plugs.exec.PlugWorkers;
import sidekick.plugs.exec.Watchdog;
import sidekick.plugs.kernel.PlugVars;
import sidekick.plugs.load.LoadedModule;
import sidekick.plugs.load.ModuleLoader;
import sidekick.plugs.metrics.PlugMetrics;

/**
 * The plug runtime: one per server. Validates and compiles uploads off the request path, keeps
 * compiled code by sha256 (in memory and in {@code cacheDir}), holds every channel's chain and
 * runs it on worker threads under the limits of {@link PlugLimits}.
 */
public final class PlugRuntime implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PlugLimits limits;
  private final PlugHost host;
  private final ModuleLoader loader;
  private final Watchdog watchdog;
  private final PlugWorkers workers;
  private final HttpClient httpClient;
  private final Map<String, ChannelPlugsImpl> channels = new ConcurrentHashMap<>();
  private final Map<String, PlugMetrics> moduleMetrics = new ConcurrentHashMap<>();
  private final PlugEnvironment env;
  private final IdleBudget idleBudget;

  private PlugRuntime(PlugLimits limits, PlugHost host, Path cacheDir) {
    this.limits = limits;
    this.host = host;
    this.loader = new ModuleLoader(limits, cacheDir, m -> PlugInstance.preload(m, limits));
    this.watchdog = new Watchdog(Watchdog.tickFor(limits.callTimeout().toNanos()));
    this.workers = new PlugWorkers(limits.workerThreads(), limits.workerQueue(), watchdog);
    this.httpClient = HttpPlug.newClient(limits);
    this.idleBudget = new IdleBudget(limits.maxIdleInstancesTotal(), limits.maxIdleInstanceBytes());
    this.env = new PlugEnvironment() {
      @Override public PlugLimits limits() { return limits; }
      @Override public PlugHost host() { return host; }
      @Override public PlugWorkers workers() { return workers; }
      @Override public HttpClient httpClient() { return httpClient; }
      @Override public void background(java.util.function.Consumer<Watchdog.Slot> task) {
        loader.background(() -> task.accept(watchdog.slot()));
      }
      @Override public PlugMetrics moduleMetrics(String hash) {
        return moduleMetrics.computeIfAbsent(hash, h -> new PlugMetrics());
      }
      @Override public IdleBudget idleBudget() { return idleBudget; }
    };
  }

  /**
   * A runtime.
   *
   * @param cacheDir where compiled code is kept across restarts; null keeps it in memory only
   */
  public static PlugRuntime create(PlugLimits limits, PlugHost host, Path cacheDir) {
    PlugRuntime runtime = new PlugRuntime(limits, host, cacheDir);
    runtime.warmUp();
    return runtime;
  }

  /** Commands run while the runtime warms itself up at start. */
  static final int WARM_UP_COMMANDS = 50;

  /**
   * Runs a built-in plug (the same path as every plug: kernel, JSON, workers) a few times in the
   * background, so the first real commands after a start do not pay class loading and a cold JIT
   * against their 50 ms limit.
   */
  private void warmUp() {
    byte[] wasm;
    try (var in = PlugRuntime.class.getResourceAsStream("warmup.wasm")) {
      if (in == null) return;
      wasm = in.readAllBytes();
    } catch (IOException e) {
      return;
    }
    String channel = "\0warm-up";
    loader.load(wasm).thenAccept(module -> {
      // its own environment: warm-up calls count in no module's metrics
      var quiet = new PlugEnvironment() {
        @Override public PlugLimits limits() { return limits; }
        @Override public PlugHost host() { return PlugHost.NONE; }
        @Override public PlugWorkers workers() { return workers; }
        @Override public HttpClient httpClient() { return httpClient; }
        @Override public void background(java.util.function.Consumer<Watchdog.Slot> task) { env.background(task); }
        @Override public PlugMetrics moduleMetrics(String hash) { return new PlugMetrics(); }
        @Override public IdleBudget idleBudget() { return idleBudget; }
      };
      var ch = new ChannelPlugsImpl(channel, quiet);
      ch.install("warm-up", module, Map.of("output", "{\"action\":\"pass\"}"));
      CompletableFuture<?> done = CompletableFuture.completedFuture(null);
      for (int i = 0; i < WARM_UP_COMMANDS; i++) {
        done = done.thenCompose(x -> ch.run(CommandInput.of("/r 1d20 warm up", channel, "", "", "")));
      }
    });
  }

  public PlugLimits limits() {
    return limits;
  }

  /**
   * Validates and compiles a module, off the caller's thread. Too large is refused at once; the
   * rest (parse, imports, exports, limits, compile) runs in the bounded compile pool. The future
   * fails with a {@link PlugRejectedException} (see {@link PlugRejectedException#httpStatus()}) for
   * a module that is refused; it never fails otherwise.
   */
  public CompletableFuture<PlugModule> load(byte[] wasm) {
    return loader.load(wasm);
  }

  /** The chain of a channel (created empty on first use). */
  public ChannelPlugs channel(String channel) {
    return channels.computeIfAbsent(channel, c -> new ChannelPlugsImpl(c, env));
  }

  /** Forgets a channel and its plugs (calls in flight finish). */
  public void dropChannel(String channel) {
    ChannelPlugsImpl gone = channels.remove(channel);
    if (gone != null) gone.retireAll();
  }

  /** Calls a module's {@code describe} export, if any, under the usual limits. */
  public CompletableFuture<Optional<PlugDescription>> describe(PlugModule module) {
    if (!(module instanceof LoadedModule loaded) || !module.exports().contains("describe")) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    var plug = new WasmPlug("describe", loaded, Map.of(), new PlugVars(limits.maxVarBytes()), host, limits,
        new PlugMetrics(), null, new FaultBreaker(Integer.MAX_VALUE, java.time.Duration.ZERO), idleBudget);
    var result = new CompletableFuture<Optional<PlugDescription>>();
    workers.submit(new PlugWorkers.Job() {
      @Override
      public void run(Watchdog.Slot slot, Runnable onAbandon) {
        CallResult r = plug.call("describe", new byte[0],
            new PlugHost.PlugCallContext("", "describe", loaded.hash(), CommandInput.of("", "", "", "", "")), slot, onAbandon);
        plug.retire();
        result.complete(r.ok() ? parseDescription(r.output()) : Optional.empty());
      }

      @Override public void abandoned() { plug.retire(); result.complete(Optional.empty()); }
      @Override public void rejected() { plug.retire(); result.complete(Optional.empty()); }
    });
    return result;
  }

  private static Optional<PlugDescription> parseDescription(byte[] out) {
    if (out == null) return Optional.empty();
    try {
      JsonNode n = JSON.readTree(out);
      if (n == null || !n.isObject()) return Optional.empty();
      return Optional.of(new PlugDescription(text(n, "name"), text(n, "version"), text(n, "help")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** Metrics of every WebAssembly module by sha256, summed over the channels using it. */
  public Map<String, PlugMetricsSnapshot> metricsByModule() {
    Map<String, PlugMetricsSnapshot> out = new TreeMap<>();
    moduleMetrics.forEach((hash, m) -> out.put(hash, m.snapshot()));
    return out;
  }

  /** Runtime-wide counters (compiles, cache hits, abandoned workers...). */
  public RuntimeStats stats() {
    return new RuntimeStats(
        loader.compiledCount(),
        loader.memoryHits(),
        loader.diskHits(),
        loader.refusedCount(),
        workers.abandonedCount(),
        workers.stuckCount(),
        workers.rejectedCount(),
        idleBudget.idleInstances(),
        idleBudget.idleBytes(),
        idleBudget.evictedCount());
  }

  /** Stops the worker and compile threads. */
  @Override
  public void close() {
    workers.close();
    watchdog.close();
    loader.close();
  }
}
