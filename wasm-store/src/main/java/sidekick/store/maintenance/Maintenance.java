package sidekick.store.maintenance;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one background thread: flushes usage on a fixed interval (or sooner when asked) and,
 * when enabled, runs gc and cold recompression. A failing task is logged and retried next time.
 */
public final class Maintenance implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

  private final ScheduledExecutorService executor;
  private final UsageFlusher flusher;
  private final Runnable periodic;
  private final AtomicBoolean flushQueued = new AtomicBoolean();

  public Maintenance(
      UsageFlusher flusher, Duration flushInterval, Runnable periodic, Duration periodicInterval) {
    this.flusher = flusher;
    this.periodic = periodic;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "wasm-store-maintenance");
              t.setDaemon(true);
              return t;
            });
    long flushMs = flushInterval.toMillis();
    executor.scheduleWithFixedDelay(this::flushLogged, flushMs, flushMs, TimeUnit.MILLISECONDS);
    if (periodicInterval.compareTo(Duration.ZERO) > 0) {
      long ms = periodicInterval.toMillis();
      executor.scheduleWithFixedDelay(this::periodicLogged, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** Asks for a flush soon, without waiting (at most one queued at a time). */
  public void requestFlush() {
    if (flushQueued.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              flushQueued.set(false);
              flushLogged();
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        flushQueued.set(false); // closing: close() flushes
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("wasm-store maintenance did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void flushLogged() {
    try {
      flusher.flush();
    } catch (RuntimeException e) {
      log.warn("usage flush failed, kept in memory for the next one: {}", e.getMessage());
    }
  }

  private void periodicLogged() {
    try {
      periodic.run();
    } catch (RuntimeException e) {
      log.warn("wasm-store maintenance failed, retried next time: {}", e.toString());
    }
  }
}
