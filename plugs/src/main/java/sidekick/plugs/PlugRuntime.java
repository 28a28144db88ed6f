package sidekick.plugs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The plug runtime: one per server. Validates and compiles uploads off the request path, keeps
 * compiled code by sha256 (in memory and in {@code cacheDir}), holds every channel's chain and
 * runs it on worker threads under the limits of {@link PlugLimits}.
 */
public final class PlugRuntime implements AutoCloseable {
  private PlugRuntime() {}

  /**
   * A runtime.
   *
   * @param cacheDir where compiled code is kept across restarts; null keeps it in memory only
   */
  public static PlugRuntime create(PlugLimits limits, PlugHost host, Path cacheDir) {
    throw new UnsupportedOperationException("being built");
  }

  public PlugLimits limits() {
    throw new UnsupportedOperationException("being built");
  }

  /**
   * Validates and compiles a module, off the caller's thread. Too large is refused at once; the
   * rest (parse, imports, exports, limits, compile) runs in the bounded compile pool. The future
   * fails with a {@link PlugRejectedException} (see {@link PlugRejectedException#httpStatus()}) for
   * a module that is refused; it never fails otherwise.
   */
  public CompletableFuture<PlugModule> load(byte[] wasm) {
    throw new UnsupportedOperationException("being built");
  }

  /** The chain of a channel (created empty on first use). */
  public ChannelPlugs channel(String channel) {
    throw new UnsupportedOperationException("being built");
  }

  /** Calls a module's {@code describe} export, if any, under the usual limits. */
  public CompletableFuture<Optional<PlugDescription>> describe(PlugModule module) {
    throw new UnsupportedOperationException("being built");
  }

  /** Metrics of every WebAssembly module by sha256, summed over the channels using it. */
  public Map<String, PlugMetricsSnapshot> metricsByModule() {
    throw new UnsupportedOperationException("being built");
  }

  /** Runtime-wide counters (compiles, cache hits, abandoned workers...). */
  public RuntimeStats stats() {
    throw new UnsupportedOperationException("being built");
  }

  /** Stops the worker and compile threads. */
  @Override
  public void close() {}
}
