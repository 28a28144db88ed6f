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
  // a plain deque under a lock: uncontended locking is cheaper than a concurrent deque's node per offer
  private final ArrayDeque<PlugInstance> idle = new ArrayDeque<>();
  private volatile int idleCount;
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger recycled = new AtomicInteger();
  private final int maxIdle;
  private final long recycleGrowthBytes;
  private final IdleBudget budget;
  private final Supplier<PlugInstance> factory;
  private volatile boolean retired;
  private volatile Runnable onRecycle = () -> {};

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
      PlugInstance p;
      synchronized (idle) {
        p = idle.pollFirst();
        idleCount = idle.size();
      }
      if (p == null) return null;
      budget.removed(p.idleBytes);
      if (!p.stale()) return p;
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
    long bytes = p.memoryBytes();
    if (bytes - p.initialBytes() > recycleGrowthBytes) {
      recycled.incrementAndGet();
      if (!retired) onRecycle.run();
      return;
    }
    if (p.stale()) return;
    p.idleBytes = bytes;
    p.idleSince = System.nanoTime();
    synchronized (idle) {
      if (retired || idle.size() >= maxIdle) return;
      idle.offerFirst(p);
      idleCount = idle.size();
    }
    budget.added(bytes);
  }

  /** What to do when an instance is recycled (warm a replacement off the calling thread). */
  public void onRecycle(Runnable r) {
    onRecycle = r;
  }

  /** When the instance idle longest went idle ({@link System#nanoTime()}), MAX_VALUE when none. */
  long oldestIdleSince() {
    synchronized (idle) {
      PlugInstance last = idle.peekLast();
      return last == null ? Long.MAX_VALUE : last.idleSince;
    }
  }

  /** Drops the instance idle longest; false when none was idle. */
  boolean evictOldest() {
    PlugInstance p;
    synchronized (idle) {
      p = idle.pollLast();
      idleCount = idle.size();
    }
    if (p == null) return false;
    budget.removed(p.idleBytes);
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
