package sidekick.plugs.exec;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Warm instances of one installed plug. An instance is taken by one call at a time and comes back
 * only after a healthy call; a faulted one is dropped (its state may be anything).
 */
public final class InstancePool {
  // a plain deque under a lock: uncontended locking is cheaper than a concurrent deque's node per offer
  private final ArrayDeque<PlugInstance> idle = new ArrayDeque<>();
  private volatile int idleCount;
  private final AtomicInteger created = new AtomicInteger();
  private final int maxIdle;
  private final Supplier<PlugInstance> factory;

  public InstancePool(int maxIdle, Supplier<PlugInstance> factory) {
    this.maxIdle = maxIdle;
    this.factory = factory;
  }

  /** A warm instance, or null when none is idle. */
  public PlugInstance poll() {
    synchronized (idle) {
      PlugInstance p = idle.pollFirst();
      idleCount = idle.size();
      return p;
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

  public void release(PlugInstance p) {
    synchronized (idle) {
      if (idle.size() < maxIdle) idle.offerFirst(p);
      idleCount = idle.size();
    }
  }

  /** Instances created so far (a pool miss each). */
  public int created() {
    return created.get();
  }

  public void clear() {
    synchronized (idle) {
      idle.clear();
      idleCount = 0;
    }
  }
}
