package sidekick.core.plug;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.CoreException;
import sidekick.plugs.exec.PlugWorkers;

/**
 * Where the rest of a command runs (saved rolls, dice, events, maybe SQLite) when its chain or its
 * hooks were completed by a thread that must not take blocking work: the plug watchdog that
 * abandoned a stuck plug, or the caller when every plug worker was busy. The core owns it: a few
 * named daemon threads (gone when idle) and a bounded queue; a full queue fails that command with a
 * 429 (retry in a second) instead of growing. Closing drains what was handed over.
 */
public final class ChainFallback implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChainFallback.class);
  /** Names of its threads: {@code sidekick-chain-fallback-N}. */
  public static final String THREAD_PREFIX = "sidekick-chain-fallback-";

  private final ThreadPoolExecutor pool;
  private final Duration drainTimeout;

  public ChainFallback(int threads, int queue, Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
    AtomicInteger names = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, THREAD_PREFIX + names.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true); // a stuck plug is rare: no thread waits for one
  }

  /**
   * Runs {@code rest} on a fallback thread; when the queue is full or the core is closing, fails
   * {@code answer} with a 429 instead (the command did not finish: nothing was logged).
   */
  public void handOff(Runnable rest, CompletableFuture<?> answer) {
    try {
      pool.execute(rest);
    } catch (RejectedExecutionException e) {
      log.warn("a command whose plugs were cut short could not be finished: the fallback queue is full or closed");
      answer.completeExceptionally(new CoreException(CoreException.Status.TOO_MANY_REQUESTS,
          "the server is busy; try again", null, 1, null));
    }
  }

  /**
   * {@code future}, continued where its dependants may block: on the thread that completes it when
   * that is a plug worker or {@code allowed} (the thread handling the command, which may block),
   * else on a fallback thread. A hook's result completed by the watchdog then never finishes the
   * command on the watchdog's thread.
   */
  public <T> CompletableFuture<T> continueSafely(CompletableFuture<T> future, Thread allowed) {
    CompletableFuture<T> out = new CompletableFuture<>();
    future.whenComplete((value, error) -> {
      Runnable pass = () -> {
        if (error != null) out.completeExceptionally(error);
        else out.complete(value);
      };
      if (Thread.currentThread() == allowed || PlugWorkers.isWorkerThread()) pass.run();
      else handOff(pass, out);
    });
    return out;
  }

  /** Commands handed over and not finished yet (queued or running). */
  public int pending() {
    return pool.getQueue().size() + pool.getActiveCount();
  }

  /** Finishes what was handed over (bounded by the drain time), then stops its threads. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} command(s) still finishing after their plugs were cut short; stopping them", pending());
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
