package sidekick.plugs.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the warm instances idling in every pool of a runtime, by count and by linear memory.
 * When a release goes over either bound, the instances idle longest (over every pool) are
 * dropped until it fits; a plug whose pool was emptied instantiates on its next call.
 */
public final class IdleBudget {
  private final int maxInstances;
  private final long maxBytes;
  private final AtomicInteger instances = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final Set<InstancePool> pools = ConcurrentHashMap.newKeySet();

  public IdleBudget(int maxInstances, long maxBytes) {
    this.maxInstances = maxInstances;
    this.maxBytes = maxBytes;
  }

  void register(InstancePool pool) {
    pools.add(pool);
  }

  void unregister(InstancePool pool) {
    pools.remove(pool);
  }

  /** An instance of {@code size} bytes went idle; evicts the oldest idle ones while over budget. */
  void added(long size) {
    int n = instances.incrementAndGet();
    long b = bytes.addAndGet(size);
    while ((n > maxInstances || b > maxBytes) && evictOldest()) {
      n = instances.get();
      b = bytes.get();
    }
  }

  /** An idle instance of {@code size} bytes was taken or dropped. */
  void removed(long size) {
    instances.decrementAndGet();
    bytes.addAndGet(-size);
  }

  private boolean evictOldest() {
    InstancePool oldest = null;
    long oldestAt = Long.MAX_VALUE;
    for (InstancePool p : pools) {
      long at = p.oldestIdleSince();
      if (at != Long.MAX_VALUE && (oldest == null || at - oldestAt < 0)) {
        oldest = p;
        oldestAt = at;
      }
    }
    if (oldest == null || !oldest.evictOldest()) return false;
    evicted.incrementAndGet();
    return true;
  }

  /** Idle instances now, over every pool. */
  public int idleInstances() {
    return instances.get();
  }

  /** Linear memory of the idle instances now. */
  public long idleBytes() {
    return bytes.get();
  }

  /** Idle instances dropped to stay within the budget so far. */
  public long evictedCount() {
    return evicted.get();
  }
}
