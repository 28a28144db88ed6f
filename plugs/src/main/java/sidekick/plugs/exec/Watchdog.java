package sidekick.plugs.exec;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces wall-time limits without a thread hand-off per call: the calling thread marks its slot
 * (two volatile writes), one watchdog thread scans the slots, interrupts a call past its deadline
 * (Chicory's compiled code checks the interrupt flag on every loop back-edge and call), and
 * abandons a call still running at twice its limit, handing the slot's owner a callback so a
 * worker can be replaced. While no call runs it sleeps until the next one begins: an idle server
 * is not woken hundreds of times a second.
 */
public final class Watchdog implements AutoCloseable {
  private static final int IDLE = 0;
  private static final int RUNNING = 1;
  private static final int INTERRUPTING = 2;
  private static final int INTERRUPTED = 3;
  private static final int ABANDONED = 4;

  private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::newSlot);
  private final long tickNanos;
  private final Thread ticker;
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private volatile boolean closed;
  /** The watchdog sleeps until a call begins (see {@link Slot#begin}). */
  private volatile boolean asleep;
  /** Rounds of the watchdog's loop, for tests. */
  private final AtomicLong rounds = new AtomicLong();

  /** @param tickNanos how often slots are scanned (a fraction of the shortest call limit) */
  public Watchdog(long tickNanos) {
    this.tickNanos = tickNanos;
    this.ticker = new Thread(this::loop, "plug-watchdog");
    ticker.setDaemon(true);
    ticker.start();
  }

  private Slot newSlot() {
    Slot s = new Slot(this, Thread.currentThread());
    slots.add(s);
    return s;
  }

  /** The calling thread's slot. */
  public Slot slot() {
    return mine.get();
  }

  public long timeouts() {
    return timeouts.get();
  }

  public long abandoned() {
    return abandoned.get();
  }

  /** Rounds of the watchdog's loop so far (tests: it sleeps while no call runs). */
  long rounds() {
    return rounds.get();
  }

  private void loop() {
    while (!closed) {
      rounds.incrementAndGet();
      if (!anyCallToWatch()) {
        // Dekker-style with Slot.begin: it sets RUNNING then reads asleep, this sets asleep then reads
        // the states again (all volatile), so a call that begins now is seen here or unparks us.
        asleep = true;
        if (!anyCallToWatch() && !closed) LockSupport.park(this);
        asleep = false;
        continue;
      }
      LockSupport.parkNanos(tickNanos);
      scan(System.nanoTime());
    }
  }

  /** A call is running, or was interrupted and may still have to be abandoned. */
  private boolean anyCallToWatch() {
    for (Slot s : slots) {
      int st = s.state.get();
      if (st == RUNNING || st == INTERRUPTING || st == INTERRUPTED) return true;
    }
    return false;
  }

  private void scan(long now) {
    for (Slot s : slots) {
      if (!s.thread.isAlive() && s.state.get() == IDLE) {
        slots.remove(s);
        continue;
      }
      int st = s.state.get();
      if (st == RUNNING && now - s.deadline > 0) {
        if (s.state.compareAndSet(RUNNING, INTERRUPTING)) {
          timeouts.incrementAndGet();
          s.thread.interrupt();
          s.state.set(INTERRUPTED);
        }
      } else if (st == INTERRUPTED && now - s.abandonAt > 0) {
        if (s.state.compareAndSet(INTERRUPTED, ABANDONED)) {
          abandoned.incrementAndGet();
          Runnable r = s.onAbandon;
          if (r != null) {
            try {
              r.run();
            } catch (RuntimeException e) {
              // the owner's problem; the watchdog keeps going
            }
          }
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    ticker.interrupt();
    LockSupport.unpark(ticker);
  }

  /** One thread's call in progress. */
  public static final class Slot {
    private final Watchdog watchdog;
    final Thread thread;
    final AtomicInteger state = new AtomicInteger(IDLE);
    volatile long deadline;
    volatile long abandonAt;
    volatile Runnable onAbandon;

    Slot(Watchdog watchdog, Thread thread) {
      this.watchdog = watchdog;
      this.thread = thread;
    }

    /**
     * Starts a guarded call on this thread.
     *
     * @param onAbandon run by the watchdog if the call is still going at twice the limit
     */
    public void begin(long timeoutNanos, Runnable onAbandon) {
      long now = System.nanoTime();
      this.onAbandon = onAbandon;
      this.deadline = now + timeoutNanos;
      this.abandonAt = now + 2 * timeoutNanos;
      state.set(RUNNING);
      if (watchdog.asleep) LockSupport.unpark(watchdog.ticker);
    }

    /** Ends the call; true when it was stopped for time. Clears this thread's interrupt flag. */
    public boolean end() {
      if (state.compareAndSet(RUNNING, IDLE)) return false;
      while (state.get() == INTERRUPTING) Thread.onSpinWait();
      Thread.interrupted();
      if (state.get() != ABANDONED) state.set(IDLE);
      return true;
    }

    /** Whether the watchdog stopped the call in progress (or the last one) for time. */
    public boolean timedOut() {
      int st = state.get();
      return st == INTERRUPTING || st == INTERRUPTED || st == ABANDONED;
    }

    /** Whether this thread's last call was abandoned (its owner has moved on without it). */
    public boolean abandoned() {
      return state.get() == ABANDONED;
    }

    /** Lets a thread whose call was abandoned run calls again (a thread that is not a worker). */
    public void reset() {
      state.set(IDLE);
    }
  }

  /** Default tick: a tenth of the call limit, between 1 and 10 ms. */
  public static long tickFor(long callTimeoutNanos) {
    return Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(TimeUnit.MILLISECONDS.toNanos(10), callTimeoutNanos / 10));
  }
}
