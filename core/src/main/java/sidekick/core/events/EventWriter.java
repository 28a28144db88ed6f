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
 * of it one row ({@link EventBlockTable}). Each {@link #submit} gets a ticket; {@link #whenCommitted}
 * runs an action once that ticket is on disk (without holding a thread), {@link #flush()} waits for
 * everything handed over so far; {@link #close()} drains the queue first. A failed batch is retried, never dropped; when too many events wait (the disk is
 * stuck), appenders wait.
 */
final class EventWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
  /** Events waiting for the disk before appenders have to wait. */
  static final int QUEUE_CAPACITY = 100_000;
  /** Most events in one transaction. */
  static final int BATCH = 2_000;
  /**
   * How long the writer gathers more events after the first of a batch when nobody waits for the
   * commit (no {@link #whenCommitted} action, no {@link #flush()}): a commit costs SQLite tens of µs of
   * CPU whatever it holds, so under load a 2 ms window ({@code CoreConfig.eventCommitWindow}) turns a
   * commit per command or two into one per few dozen. Anyone waiting ends the window at once, so
   * answers that wait for their commit ({@code --answer-after-commit}) and reads from disk are never
   * delayed by it (a fixed window was measured to cost a quarter of the command throughput that way).
   * The price: a crash (kill -9) may lose up to this much more of the newest events of commands
   * answered without waiting. System property {@value #LINGER_PROPERTY} (µs, 0 = commit at once)
   * overrides the configured window, for measurements.
   */
  static final String LINGER_PROPERTY = "sidekick.eventWriter.lingerMicros";
  /** The longest window (a minute: tests hold commits back with it). */
  static final long MAX_LINGER_MICROS = 60_000_000;
  /** Appends to a channel between two prunings of its old events. */
  private static final int PRUNE_EVERY = 256;
  /** Channels whose appends since their last pruning are counted. */
  private static final int MAX_PRUNE_COUNTERS = 100_000;

  private final Database db;
  private final long retention;
  private final long lingerNanos;
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
  /** The writer gathers a batch: a waiter, a flush or a full batch wakes it. */
  private boolean lingering;
  /** Threads inside {@link #flush()}. */
  private int flushing;
  private final Map<String, Integer> sincePrune = new HashMap<>();
  private final EventBlockTable blocks = new EventBlockTable();

  private record Ticketed(List<Event> events, long ticket) {}

  private record Waiter(long ticket, Runnable action) implements Comparable<Waiter> {
    @Override
    public int compareTo(Waiter o) {
      return Long.compare(ticket, o.ticket);
    }
  }

  /**
   * The gathering window in ns: {@value #LINGER_PROPERTY} when set, else {@code configured}; between
   * none and {@value #MAX_LINGER_MICROS} µs.
   */
  static long lingerNanos(java.time.Duration configured) {
    long micros = Long.getLong(LINGER_PROPERTY, configured.toNanos() / 1_000);
    return Math.max(0, Math.min(micros, MAX_LINGER_MICROS)) * 1_000;
  }

  /** {@code committed} is told, on the writer thread, of each channel's newest seq on disk. */
  EventWriter(Database db, long retentionPerChannel, long lingerNanos, BiConsumer<String, Long> committed) {
    this.db = db;
    this.lingerNanos = lingerNanos;
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
    if (idle || (lingering && ticket - written >= BATCH)) notifyAll();
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
        if (lingering) notifyAll();
        return;
      }
    }
    action.run();
  }

  /** Waits until every event submitted before this call is committed. */
  synchronized void flush() {
    long target = handedOver;
    flushing++;
    try {
      if (lingering) notifyAll();
      while (written < target && thread.isAlive()) {
        wait(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      flushing--;
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
          long lingerEnd = System.nanoTime() + lingerNanos;
          lingering = true;
          // Nothing is taken from the queue yet: everything not written is in it.
          while (!stopping && waiters.isEmpty() && flushing == 0 && handedOver - written < BATCH) {
            long left = lingerEnd - System.nanoTime();
            if (left <= 0) break;
            wait(left / 1_000_000, (int) (left % 1_000_000));
          }
        } catch (InterruptedException e) {
          stopping = true;
          if (queue.isEmpty()) break;
        } finally {
          lingering = false;
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
    List<Event> current = null;
    for (Event e : batch) {
      // A command's events, and a busy channel's, come one after the other: look the map up on a change only.
      if (current == null || !current.get(0).channel().equals(e.channel())) {
        current = byChannel.computeIfAbsent(e.channel(), k -> new ArrayList<>());
      }
      current.add(e);
    }
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
    if (thread.isAlive()) {
      log.error("event writer did not finish in time; {} events may be lost", pending());
    } else {
      blocks.close(); // only once its thread is gone: it is the table's one user
    }
  }
}
