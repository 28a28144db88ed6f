package sidekick.core.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.Event;
import sidekick.core.db.Database;

/**
 * Writes appended events to SQLite in batches on its own thread (group commit): an appender never
 * waits for a disk commit, and under load many appends share one transaction, one row holding all of
 * its channels' events ({@link EventBatchTable}). Each {@link #submit} gets a ticket; {@link #whenCommitted}
 * runs an action once that ticket is on disk (without holding a thread), {@link #flush()} waits for
 * everything handed over so far; {@link #close()} drains the queue first. A failed batch is retried,
 * never dropped; when too many events wait (the disk is stuck), appenders wait.
 *
 * <p>The hand-over takes no lock: appenders (event loops, holding their channel's lock) link their
 * events into a list with one compare-and-set, and wake the writer only when it sleeps. A lock shared
 * with the writer thread made an appender wait whenever the writer was descheduled while holding it,
 * and the appender's channel lock with it, which on a busy machine stalled every connection of both
 * event loops for milliseconds (JFR's monitor and park events under load).
 */
final class EventWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
  /** Events waiting for the disk before appenders have to wait (about: appenders check it without a lock). */
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
  /** The longest sleep of an idle writer between two looks at the list (a wake-up is never lost, this bounds a bug's cost). */
  private static final long IDLE_SLEEP_NANOS = 50_000_000;
  /** Channels whose appends since their last pruning are counted. */
  private static final int MAX_PRUNE_COUNTERS = 100_000;

  private final Database db;
  private final long retention;
  private final long lingerNanos;
  private final BiConsumer<String, Long> committed;
  private final Thread thread;
  /**
   * The newest hand-over; each node's ticket is its predecessor's plus its events, so tickets grow in
   * list order. Starts at a node of no events.
   */
  private final AtomicReference<Handover> tail = new AtomicReference<>(new Handover(List.of()));
  /** The last node the writer took (writer thread only). */
  private Handover taken = tail.get();
  // guarded by this
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
  /** Events up to this ticket are on disk (written under this lock, read without it). */
  private volatile long written;
  private volatile boolean stopping;
  /** The writer sleeps until something is handed over: only then does a submit need to wake it. */
  private volatile boolean idle;
  /** The writer gathers a batch: a waiter, a flush or a full batch wakes it. */
  private volatile boolean lingering;
  /** Actions in {@link #waiters} (written under this lock). */
  private volatile int waiting;
  /** Threads inside {@link #flush()} (written under this lock). */
  private volatile int flushing;
  private final Map<String, Integer> sincePrune = new HashMap<>();
  private final EventBatchTable batches;

  /** One submit's events, linked in ticket order. */
  private static final class Handover {
    /** Dropped by the writer once taken. */
    List<Event> events;
    /** Every event handed over up to and including this node's; set before the node is published. */
    long ticket;
    volatile Handover next;

    Handover(List<Event> events) {
      this.events = events;
    }
  }

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
    this.batches = new EventBatchTable(db);
    this.thread = new Thread(this::run, "sidekick-event-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands events over (in order) and wakes the writer if it needs to; returns the ticket to wait for. */
  long submit(List<Event> events) {
    long ticket = handOver(events);
    wakeFor(ticket);
    return ticket;
  }

  /**
   * Hands events over (in order) without waking the writer: the caller calls {@link #wakeFor} with
   * the ticket once it holds no lock (a thread woken on this core may take it over at once, and a
   * lock held meanwhile would stall everyone waiting for it). Returns the ticket.
   */
  long handOver(List<Event> events) {
    if (!hasRoomFor(events.size())) waitForRoom(events.size());
    Handover node = new Handover(events);
    Handover last;
    do {
      last = tail.get();
      node.ticket = last.ticket + events.size();
    } while (!tail.compareAndSet(last, node));
    last.next = node;
    return node.ticket;
  }

  /** Wakes the writer if it sleeps, or gathers while {@code ticket} completes a batch. */
  void wakeFor(long ticket) {
    // After the link: a writer going to sleep sets idle, then looks at the link, so one of us sees the other.
    if (idle || (lingering && ticket - written >= BATCH)) LockSupport.unpark(thread);
  }

  /** The disk is stuck: wait (checking every 100 ms) until the writer has room or is gone. */
  private synchronized void waitForRoom(int n) {
    boolean interrupted = false;
    while (!hasRoomFor(n) && thread.isAlive()) {
      try {
        wait(100);
      } catch (InterruptedException ie) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** The ticket of everything handed over so far. */
  long ticketNow() {
    return tail.get().ticket;
  }

  /** True when a submit of {@code n} events would not have to wait for the disk (no lock taken). */
  boolean hasRoomFor(int n) {
    return ticketNow() - written + n <= QUEUE_CAPACITY;
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
        waiting = waiters.size();
        if (lingering) LockSupport.unpark(thread);
        return;
      }
    }
    action.run();
  }

  /** Waits until every event submitted before this call is committed. */
  synchronized void flush() {
    long target = ticketNow();
    flushing++;
    try {
      if (lingering) LockSupport.unpark(thread);
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
      while (taken.next == null && !stopping) {
        idle = true;
        if (taken.next == null && !stopping) LockSupport.parkNanos(this, IDLE_SLEEP_NANOS);
        idle = false;
        if (Thread.interrupted()) stopping = true;
      }
      if (taken.next == null) break; // stopping, nothing left
      linger();
      long ticket = written;
      // Nothing is taken before this point: everything not written is in the list.
      for (Handover n = taken.next; n != null && (batch.isEmpty() || batch.size() + n.events.size() <= BATCH);
          n = n.next) {
        batch.addAll(n.events);
        n.events = null;
        ticket = n.ticket;
        Handover passed = taken;
        taken = n;
        // A node left behind must not keep its successors alive: one that reached the old generation
        // would hold every later node (and so every event) until a full collection, growing each young
        // pause (measured: 1 ms to 45 ms in a minute). Its link was written once, already read.
        passed.next = null;
      }
      writeWithRetry(batch);
      List<Runnable> due = new ArrayList<>();
      synchronized (this) {
        written = ticket;
        notifyAll();
        while (!waiters.isEmpty() && waiters.peek().ticket() <= written) due.add(waiters.poll().action());
        waiting = waiters.size();
      }
      run(due);
      batch.clear();
    }
    List<Runnable> left = new ArrayList<>();
    synchronized (this) {
      while (!waiters.isEmpty()) left.add(waiters.poll().action());
      waiting = 0;
      notifyAll();
    }
    run(left);
  }

  /** Gathers for the window after a batch's first event, unless someone waits or the batch is full. */
  private void linger() {
    if (lingerNanos == 0) return;
    long end = System.nanoTime() + lingerNanos;
    lingering = true;
    try {
      // After setting lingering: a waiter or a flush registered before it is seen here, one after it wakes us.
      while (!stopping && waiting == 0 && flushing == 0 && ticketNow() - written < BATCH) {
        long left = end - System.nanoTime();
        if (left <= 0) break;
        LockSupport.parkNanos(this, left);
        if (Thread.interrupted()) {
          stopping = true;
          break;
        }
      }
    } finally {
      lingering = false;
    }
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
        if (stopping && backoff > 1_000) {
          log.error("giving up on {} events at shutdown", batch.size());
          return;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          stopping = true;
        }
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private void write(List<Event> batch) {
    if (sincePrune.size() > MAX_PRUNE_COUNTERS) sincePrune.clear(); // idle channels: just count again
    List<List<Event>> runs = runsByChannel(batch);
    db.write(s -> {
      batches.append(s, runs);
      Map<String, Long> prunes = null;
      for (List<Event> run : runs) {
        String channel = run.get(0).channel();
        int n = sincePrune.merge(channel, run.size(), Integer::sum);
        if (n >= EventBatchTable.PRUNE_EVERY) {
          sincePrune.remove(channel);
          long keepAfter = run.get(run.size() - 1).seq() - retention;
          if (keepAfter > 0) {
            if (prunes == null) prunes = new LinkedHashMap<>();
            prunes.put(channel, keepAfter);
          }
        }
      }
      // the channels of one commit together: a batch they all leave is deleted, not compacted first
      if (prunes != null) batches.prune(s, prunes);
      return null;
    });
    batches.committed();
    for (List<Event> run : runs) committed.accept(run.get(0).channel(), run.get(run.size() - 1).seq());
  }

  /** Each channel's events of the batch, in seq order: one section of the batch row per channel. */
  private static List<List<Event>> runsByChannel(List<Event> batch) {
    Map<String, List<Event>> byChannel = new LinkedHashMap<>();
    List<Event> current = null;
    for (Event e : batch) {
      // A command's events, and a busy channel's, come one after the other: look the map up on a change only.
      if (current == null || !current.get(0).channel().equals(e.channel())) {
        current = byChannel.computeIfAbsent(e.channel(), k -> new ArrayList<>());
      }
      current.add(e);
    }
    return new ArrayList<>(byChannel.values());
  }

  /** The table the writer appends to: readers look up the sections it has not indexed yet there. */
  EventBatchTable table() {
    return batches;
  }

  /** Events handed over and not yet on disk. */
  long pending() {
    return ticketNow() - written;
  }

  /** Drains the queue to disk, then stops. */
  @Override
  public void close() {
    stopping = true;
    LockSupport.unpark(thread);
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.error("event writer did not finish in time; {} events may be lost", pending());
    } else {
      batches.close(); // only once its thread is gone: it is the table's one user
    }
  }
}
