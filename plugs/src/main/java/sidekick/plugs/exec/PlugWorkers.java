package sidekick.plugs.exec;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run chains. A job gets its worker's watchdog slot and an abandon callback;
 * when the watchdog abandons a stuck call, the job answers without it, a fresh worker takes the
 * stuck one's place, and the stuck thread exits whenever its call finally returns.
 */
public final class PlugWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlugWorkers.class);

  /** Work for a worker. */
  public interface Job {
    /** Runs on a worker; {@code onAbandon} is what the watchdog runs if a call gets stuck. */
    void run(Watchdog.Slot slot, Runnable onAbandon);

    /** Called (from the watchdog) when the job's worker is abandoned: answer without it. */
    void abandoned();

    /** Called when every worker is busy and the queue is full. */
    void rejected();
  }

  private final Watchdog watchdog;
  private final BlockingQueue<Job> queue;
  private final Set<Worker> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger names = new AtomicInteger();
  private final AtomicLong abandoned = new AtomicLong();
  private final AtomicInteger stuck = new AtomicInteger();
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean closed;

  public PlugWorkers(int threads, int queueSize, Watchdog watchdog) {
    this.watchdog = watchdog;
    this.queue = new ArrayBlockingQueue<>(queueSize);
    for (int i = 0; i < threads; i++) startWorker();
  }

  private void startWorker() {
    Worker w = new Worker("plug-worker-" + names.incrementAndGet());
    live.add(w);
    w.start();
  }

  public void submit(Job job) {
    if (closed || !queue.offer(job)) {
      rejected.incrementAndGet();
      job.rejected();
    }
  }

  public long abandonedCount() { return abandoned.get(); }
  /** Abandoned workers whose stuck call has not returned yet. */
  public int stuckCount() { return stuck.get(); }
  public long rejectedCount() { return rejected.get(); }

  /** Whether the calling thread is a plug worker (of any runtime): where a chain's callbacks run. */
  public static boolean isWorkerThread() {
    return Thread.currentThread() instanceof Worker;
  }

  @Override
  public void close() {
    closed = true;
    for (Worker w : live) w.interrupt();
    Job j;
    while ((j = queue.poll()) != null) j.rejected();
  }

  private final class Worker extends Thread {
    Worker(String name) {
      super(name);
      setDaemon(true);
    }

    @Override
    public void run() {
      Watchdog.Slot slot = watchdog.slot();
      while (!closed) {
        Job job;
        try {
          job = queue.take();
        } catch (InterruptedException e) {
          if (closed) break;
          continue;
        }
        Runnable onAbandon = () -> abandon(this, job);
        try {
          job.run(slot, onAbandon);
        } catch (RuntimeException e) {
          log.error("plug job failed", e);
        }
        if (slot.abandoned()) {
          stuck.decrementAndGet();
          live.remove(this);
          return;
        }
      }
      live.remove(this);
    }
  }

  private void abandon(Worker w, Job job) {
    abandoned.incrementAndGet();
    stuck.incrementAndGet();
    log.warn("{} did not stop within twice the call limit: abandoned and replaced", w.getName());
    try {
      job.abandoned();
    } finally {
      if (!closed) startWorker();
    }
  }
}
