package sidekick.plugs.exec;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Warm instances of one installed plug. An instance is taken by one call at a time and comes back
 * only after a healthy call; a faulted one is dropped (its state may be anything), and so is one
 * whose memory grew past the recycle bound. Idle instances count in the runtime's {@link
 * IdleBudget}; a retired pool (its plug was replaced or removed) keeps nothing.
 */
public final class InstancePool {
  /** An idle instance with when it went idle and the bytes it counts in the budget. */
  private record Idle(PlugInstance instance, long since, long bytes) {}

  // a plain deque under a lock: uncontended locking is cheaper than a concurrent deque's node per offer
  private final ArrayDeque<Idle> idle = new ArrayDeque<>();
  private volatile int idleCount;
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger recycled = new AtomicInteger();
  private final int maxIdle;
  private final long recycleGrowthBytes;
  private final IdleBudget budget;
  private final Supplier<PlugInstance> factory;
  private volatile boolean retired;

  /**
   * @param recycleGrowthBytes an instance whose memory grew more than this past its size after
   *     initialisation is dropped instead of kept
   */
  public InstancePool(int maxIdle, long recycleGrowthBytes, IdleBudget budget, Supplier<PlugInstance> factory) {
    this.maxIdle = maxIdle;
    this.recycleGrowthBytes = recycleGrowthBytes;
    this.budget = budget;
    this.factory = factory;
    budget.register(this);
  }

  /** A pool with its own budget of {@code maxIdle} instances and no recycling. */
  public InstancePool(int maxIdle, Supplier<PlugInstance> factory) {
    this(maxIdle, Long.MAX_VALUE, new IdleBudget(maxIdle, Long.MAX_VALUE), factory);
  }

  /** A warm instance, or null when none is idle. */
  public PlugInstance poll() {
    while (true) {
      Idle p;
      synchronized (idle) {
        p = idle.pollFirst();
        idleCount = idle.size();
      }
      if (p == null) return null;
      budget.removed(p.bytes());
      if (!p.instance().stale()) return p.instance();
      // built with the interpreter before the compiled code was ready: dropped
    }
  }

  /** A new instance (instantiation runs plug code: call under the watchdog). */
  public PlugInstance create() {
    created.incrementAndGet();
    return factory.get();
  }

  /** Whether an instance is idle. */
  public boolean hasIdle() {
    return idleCount > 0;
  }

  /** Takes back an instance after a healthy call, unless it grew too much or the pool is full or retired. */
  public void release(PlugInstance p) {
    if (p.grownBytes() > recycleGrowthBytes) {
      recycled.incrementAndGet();
      return;
    }
    if (p.stale()) return;
    long bytes = p.memoryBytes();
    synchronized (idle) {
      if (retired || idle.size() >= maxIdle) return;
      idle.offerFirst(new Idle(p, System.nanoTime(), bytes));
      idleCount = idle.size();
    }
    budget.added(bytes);
  }

  /** When the instance idle longest went idle ({@link System#nanoTime()}), MAX_VALUE when none. */
  long oldestIdleSince() {
    synchronized (idle) {
      Idle last = idle.peekLast();
      return last == null ? Long.MAX_VALUE : last.since();
    }
  }

  /** Drops the instance idle longest; false when none was idle. */
  boolean evictOldest() {
    Idle p;
    synchronized (idle) {
      p = idle.pollLast();
      idleCount = idle.size();
    }
    if (p == null) return false;
    budget.removed(p.bytes());
    return true;
  }

  /** Instances created so far (a pool miss each). */
  public int created() {
    return created.get();
  }

  /** Instances dropped after a call because their memory grew past the recycle bound. */
  public int recycled() {
    return recycled.get();
  }

  public void clear() {
    while (evictOldest()) {
      // drop each, releasing its share of the budget
    }
  }

  /** The plug is gone (replaced or removed): drop idle instances, keep none from calls in flight. */
  public void retire() {
    synchronized (idle) {
      retired = true;
    }
    clear();
    budget.unregister(this);
  }
}
