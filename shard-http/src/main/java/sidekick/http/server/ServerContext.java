package sidekick.http.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import sidekick.http.api.Api;
import sidekick.http.api.ApiException;
import sidekick.http.api.ApiResult;

/**
 * What every connection's handlers share: the configuration, the API, the worker pool for blocking
 * work, metrics, open sessions, static files, CORS, and the count of requests in flight that a
 * graceful shutdown waits for.
 */
final class ServerContext {
  final ServerConfig config;
  final Api api;
  final Metrics metrics;
  final Sessions sessions = new Sessions();
  final StaticFiles staticFiles = new StaticFiles(ServerContext.class.getClassLoader());
  final Cors cors;
  /** Open WebSocket sessions, for /metrics. */
  final AtomicInteger webSockets = new AtomicInteger();
  private final ExecutorService workers;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  ServerContext(ServerConfig config, Api api, Metrics metrics, ExecutorService workers) {
    this.config = config;
    this.api = api;
    this.metrics = metrics;
    this.workers = workers;
    this.cors = new Cors(config.corsOrigins());
  }

  /**
   * Runs blocking work on the worker pool, counted as in flight until it finishes. A full queue is
   * a 503 for the caller (thrown here, on the calling thread).
   */
  void submit(Runnable work) {
    enter();
    try {
      execute(() -> {
        try {
          work.run();
        } finally {
          leave();
        }
      });
    } catch (ApiException e) {
      leave();
      throw e;
    }
  }

  /** Runs blocking work on the worker pool, not counted (its caller counts it); a full queue: 503. */
  void execute(Runnable work) {
    try {
      workers.execute(work);
    } catch (RejectedExecutionException e) {
      throw new ApiException(503, "server busy or shutting down, retry shortly", null, 1);
    }
  }

  /**
   * Blocking work on the worker pool, its result (or failure) as a future; not counted (its caller
   * counts the request). A full queue: 503, thrown here.
   */
  CompletableFuture<ApiResult> supply(Supplier<ApiResult> work) {
    CompletableFuture<ApiResult> result = new CompletableFuture<>();
    execute(() -> {
      try {
        result.complete(work.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /**
   * Starts a request answered later, on any thread, and counts it as in flight from before it
   * starts until {@code answer} has run for its outcome (a graceful shutdown waits for it). A
   * failure to start is its outcome too.
   */
  <T> void answerWhenDone(Supplier<CompletableFuture<T>> start, BiConsumer<T, Throwable> answer) {
    enter();
    CompletableFuture<T> done;
    try {
      done = start.get();
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    done.whenComplete((value, error) -> {
      try {
        answer.accept(value, error);
      } finally {
        leave();
      }
    });
  }

  /** Counts a request answered later, on any thread, as in flight (a graceful shutdown waits for it). */
  void enter() {
    inFlight.incrementAndGet();
  }

  /** The end of a request counted with {@link #enter}: call exactly once. */
  void leave() {
    inFlight.decrementAndGet();
  }

  /**
   * Sends the answer of a state-changing operation once its events are on disk (when so configured),
   * counted as in flight until then so a graceful shutdown waits for it. Holds no thread.
   */
  void answerAfterCommit(Runnable send) {
    if (!config.replyAfterCommit()) {
      send.run();
      return;
    }
    enter();
    api.core().whenEventsCommitted(() -> {
      try {
        send.run();
      } finally {
        leave();
      }
    });
  }

  int inFlight() {
    return inFlight.get();
  }

  boolean draining() {
    return draining;
  }

  void startDraining() {
    draining = true;
  }
}
