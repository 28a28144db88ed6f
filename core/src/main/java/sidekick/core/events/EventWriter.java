package sidekick.core.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.Event;
import sidekick.core.db.Database;

/**
 * Writes appended events to SQLite in batches on its own thread (group commit): an appender never
 * waits for a disk commit, and under load many appends share one transaction, each channel's events
 * of it one row ({@link EventBlockTable}). Each {@link #submit}
 * gets a ticket; {@link #whenCommitted} runs an action once that ticket is on disk (without holding
 * a thread), {@link #flush()} waits for everything handed over so far; {@link #close()} drains the
 * queue first. A failed batch is retried, never dropped; when too many events wait (the disk is
 * stuck), appenders wait.
 */
final class EventWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
  /** Events waiting for the disk before appenders have to wait. */
  static final int QUEUE_CAPACITY = 100_000;
  /** Most events in one transaction. */
  static final int BATCH = 2_000;
  /**
   * How long the writer waits for more events after the first of a batch. None: a batch is whatever
   * arrived while the previous commit ran (group commit), so under load commits are large without any
   * added wait, which matters because answers wait for their commit (measured on 2 cores: 1 ms of
   * waiting cost a quarter of the command throughput for 3 µs less CPU per command).
   */
  static final long LINGER_NANOS = 0L;
  /** Appends to a channel between two prunings of its old events. */
  private static final int PRUNE_EVERY = 256;
  /** Channels whose appends since their last pruning are counted. */
  private static final int MAX_PRUNE_COUNTERS = 100_000;

  private final Database db;
  private final long retention;
  private final BiConsumer<String, Long> committed;
  private final Thread thread;
  // guarded by this
  private final ArrayDeque<Ticketed> queue = new ArrayDeque<>();
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
  // written under this lock, read without it on the appenders' hot path
  private volatile long handedOver;
  private volatile long written;
  private boolean stopping;
  /** The writer waits for an empty queue to fill: only then does a submit need to wake it. */
  private boolean idle;
  private final Map<String, Integer> sincePrune = new HashMap<>();
  private final EventBlockTable blocks = new EventBlockTable();

  private record Ticketed(List<Event> events, long ticket) {}

  private record Waiter(long ticket, Runnable action) implements Comparable<Waiter> {
    @Override
    public int compareTo(Waiter o) {
      return Long.compare(ticket, o.ticket);
    }
  }

  /** {@code committed} is told, on the writer thread, of each channel's newest seq on disk. */
  EventWriter(Database db, long retentionPerChannel, BiConsumer<String, Long> committed) {
    this.db = db;
    this.retention = retentionPerChannel;
    this.committed = committed;
    this.thread = new Thread(this::run, "sidekick-event-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands events over (in order); returns the ticket to wait for with {@link #whenCommitted}. */
  synchronized long submit(List<Event> events) {
    boolean interrupted = false;
    while (handedOver - written + events.size() > QUEUE_CAPACITY && thread.isAlive()) {
      try {
        wait(100);
      } catch (InterruptedException ie) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    long ticket = handedOver + events.size();
    handedOver = ticket;
    queue.addLast(new Ticketed(events, ticket));
    if (idle) notifyAll();
    return ticket;
  }

  /** The ticket of everything handed over so far. */
  long ticketNow() {
    return handedOver;
  }

  /** True when a submit of {@code n} events would not have to wait for the disk (no lock taken). */
  boolean hasRoomFor(int n) {
    return handedOver - written + n <= QUEUE_CAPACITY;
  }

  /**
   * Runs {@code action} once every event up to {@code ticket} is committed: at once on this thread
   * when it already is, else on the writer thread right after the commit (keep it short).
   */
  void whenCommitted(long ticket, Runnable action) {
    if (written >= ticket) {
      action.run();
      return;
    }
    synchronized (this) {
      if (written < ticket && thread.isAlive()) {
        waiters.add(new Waiter(ticket, action));
        return;
      }
    }
    action.run();
  }

  /** Waits until every event submitted before this call is committed. */
  synchronized void flush() {
    long target = handedOver;
    while (written < target && thread.isAlive()) {
      try {
        wait(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void run() {
    List<Event> batch = new ArrayList<>(BATCH);
    while (true) {
      long ticket;
      synchronized (this) {
        try {
          while (queue.isEmpty() && !stopping) {
            idle = true;
            wait(50);
          }
          idle = false;
          if (queue.isEmpty()) break; // stopping, nothing left
          long lingerEnd = System.nanoTime() + LINGER_NANOS;
          while (LINGER_NANOS > 0 && !stopping && queued() < BATCH) {
            long left = lingerEnd - System.nanoTime();
            if (left <= 0) break;
            wait(left / 1_000_000, (int) (left % 1_000_000));
          }
        } catch (InterruptedException e) {
          stopping = true;
          if (queue.isEmpty()) break;
        }
        ticket = written;
        while (!queue.isEmpty() && (batch.isEmpty() || batch.size() + queue.peekFirst().events().size() <= BATCH)) {
          Ticketed t = queue.pollFirst();
          batch.addAll(t.events());
          ticket = t.ticket();
        }
      }
      writeWithRetry(batch);
      List<Runnable> due = new ArrayList<>();
      synchronized (this) {
        written = ticket;
        notifyAll();
        while (!waiters.isEmpty() && waiters.peek().ticket() <= written) due.add(waiters.poll().action());
      }
      run(due);
      batch.clear();
    }
    List<Runnable> left = new ArrayList<>();
    synchronized (this) {
      while (!waiters.isEmpty()) left.add(waiters.poll().action());
      notifyAll();
    }
    run(left);
  }

  private int queued() {
    int n = 0;
    for (Ticketed t : queue) n += t.events().size();
    return n;
  }

  private static void run(List<Runnable> actions) {
    for (Runnable r : actions) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("an action waiting for an event commit failed: {}", e.toString());
      }
    }
  }

  private void writeWithRetry(List<Event> batch) {
    long backoff = 50;
    while (true) {
      try {
        write(batch);
        return;
      } catch (RuntimeException e) {
        log.error("writing {} events failed, retrying in {} ms: {}", batch.size(), backoff, e.getMessage());
        boolean giveUp;
        synchronized (this) {
          giveUp = stopping && backoff > 1_000;
        }
        if (giveUp) {
          log.error("giving up on {} events at shutdown", batch.size());
          return;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          synchronized (this) {
            stopping = true;
          }
        }
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private void write(List<Event> batch) {
    if (sincePrune.size() > MAX_PRUNE_COUNTERS) sincePrune.clear(); // idle channels: just count again
    // Each channel's events of the batch, in seq order: one block (one row) per channel.
    Map<String, List<Event>> byChannel = new LinkedHashMap<>();
    for (Event e : batch) byChannel.computeIfAbsent(e.channel(), k -> new ArrayList<>()).add(e);
    List<List<Event>> runs = new ArrayList<>(byChannel.values());
    db.write(s -> {
      blocks.append(s, runs);
      for (List<Event> run : runs) {
        String channel = run.get(0).channel();
        int n = sincePrune.merge(channel, run.size(), Integer::sum);
        if (n >= PRUNE_EVERY) {
          sincePrune.remove(channel);
          long keepAfter = run.get(run.size() - 1).seq() - retention;
          if (keepAfter > 0) EventBlockTable.prune(s, channel, keepAfter);
        }
      }
      return null;
    });
    for (List<Event> run : runs) committed.accept(run.get(0).channel(), run.get(run.size() - 1).seq());
  }

  /** Events handed over and not yet on disk. */
  synchronized long pending() {
    return handedOver - written;
  }

  /** Drains the queue to disk, then stops. */
  @Override
  public void close() {
    synchronized (this) {
      stopping = true;
      notifyAll();
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) log.error("event writer did not finish in time; {} events may be lost", pending());
  }
}
