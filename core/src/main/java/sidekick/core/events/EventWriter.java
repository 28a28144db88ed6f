package sidekick.core.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.Event;
import sidekick.core.db.Database;

/**
 * Writes appended events to SQLite in batches on its own thread (group commit): a command never waits
 * for a disk commit, and under load many commands share one transaction. {@link #flush()} waits until
 * everything handed over so far is on disk; {@link #close()} drains the queue first. A failed batch is
 * retried, never dropped; when the queue is full (the disk is stuck), appenders wait.
 */
final class EventWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
  /** Events waiting for the disk before appenders have to wait. */
  static final int QUEUE_CAPACITY = 100_000;
  /** Most events in one transaction. */
  static final int BATCH = 2_000;
  /** Appends to a channel between two prunings of its old events. */
  private static final int PRUNE_EVERY = 256;

  private final Database db;
  private final long retention;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread thread;
  private final Object progress = new Object();
  private long handedOver;
  private long written;
  private volatile boolean stopping;
  private final Map<String, Integer> sincePrune = new HashMap<>();

  EventWriter(Database db, long retentionPerChannel) {
    this.db = db;
    this.retention = retentionPerChannel;
    this.thread = new Thread(this::run, "sidekick-event-writer");
    thread.setDaemon(true);
    thread.start();
  }

  void submit(List<Event> events) {
    try {
      for (Event e : events) queue.put(e);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing events to the writer", ie);
    }
    synchronized (progress) {
      handedOver += events.size();
    }
  }

  /** Waits until every event submitted before this call is committed. */
  void flush() {
    long target;
    synchronized (progress) {
      target = handedOver;
      while (written < target && thread.isAlive()) {
        try {
          progress.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void run() {
    List<Event> batch = new ArrayList<>(BATCH);
    while (!stopping || !queue.isEmpty()) {
      try {
        Event first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        writeWithRetry(batch);
        synchronized (progress) {
          written += batch.size();
          progress.notifyAll();
        }
        batch.clear();
      } catch (InterruptedException e) {
        stopping = true;
      }
    }
  }

  private void writeWithRetry(List<Event> batch) throws InterruptedException {
    long backoff = 50;
    while (true) {
      try {
        write(batch);
        return;
      } catch (RuntimeException e) {
        log.error("writing {} events failed, retrying in {} ms: {}", batch.size(), backoff, e.getMessage());
        if (stopping && backoff > 1_000) {
          log.error("giving up on {} events at shutdown", batch.size());
          return;
        }
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private void write(List<Event> batch) {
    Map<String, Long> heads = new HashMap<>();
    db.write(s -> {
      for (Event e : batch) {
        s.update("INSERT OR IGNORE INTO events (channel, seq, type, at, json) VALUES (?, ?, ?, ?, ?)",
            e.channel(), e.seq(), e.type(), e.at().toEpochMilli(), e.json());
        heads.merge(e.channel(), e.seq(), Math::max);
      }
      for (Map.Entry<String, Long> h : heads.entrySet()) {
        int n = sincePrune.merge(h.getKey(), countOf(batch, h.getKey()), Integer::sum);
        if (n >= PRUNE_EVERY) {
          sincePrune.put(h.getKey(), 0);
          long keepAfter = h.getValue() - retention;
          if (keepAfter > 0) s.update("DELETE FROM events WHERE channel = ? AND seq <= ?", h.getKey(), keepAfter);
        }
      }
      return null;
    });
  }

  private static int countOf(List<Event> batch, String channel) {
    int n = 0;
    for (Event e : batch) if (e.channel().equals(channel)) n++;
    return n;
  }

  /** Events handed over and not yet on disk. */
  long pending() {
    synchronized (progress) {
      return handedOver - written;
    }
  }

  /** Drains the queue to disk, then stops. */
  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) log.error("event writer did not finish in time; {} events may be lost", pending());
  }
}
