package sidekick.plugs.exec;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Warm instances of one installed plug. An instance is taken by one call at a time and comes back
 * only after a healthy call; a faulted one is dropped (its state may be anything).
 */
public final class InstancePool {
  private final ConcurrentLinkedDeque<PlugInstance> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final AtomicInteger created = new AtomicInteger();
  private final int maxIdle;
  private final Supplier<PlugInstance> factory;

  public InstancePool(int maxIdle, Supplier<PlugInstance> factory) {
    this.maxIdle = maxIdle;
    this.factory = factory;
  }

  /** A warm instance, or null when none is idle. */
  public PlugInstance poll() {
    PlugInstance p = idle.pollFirst();
    if (p != null) idleCount.decrementAndGet();
    return p;
  }

  /** A new instance (instantiation runs plug code: call under the watchdog). */
  public PlugInstance create() {
    created.incrementAndGet();
    return factory.get();
  }

  /** Whether an instance is idle. */
  public boolean hasIdle() {
    return idleCount.get() > 0;
  }

  public void release(PlugInstance p) {
    if (idleCount.incrementAndGet() <= maxIdle) idle.offerFirst(p);
    else idleCount.decrementAndGet();
  }

  /** Instances created so far (a pool miss each). */
  public int created() {
    return created.get();
  }

  public void clear() {
    idle.clear();
    idleCount.set(0);
  }
}
