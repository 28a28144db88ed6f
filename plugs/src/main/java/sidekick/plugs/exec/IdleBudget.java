package sidekick.plugs.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the warm instances idling in every pool of a runtime, by count and by linear memory.
 * When a release goes over either bound, the instances idle longest (over every pool) are
 * dropped until it fits; a plug whose pool was emptied instantiates on its next call.
 */
public final class IdleBudget {
  private final int maxInstances;
  private final long maxBytes;
  /** Idle instances in the high bits, their bytes in the low ones: one atomic add per change. */
  private final AtomicLong packed = new AtomicLong();
  private static final int COUNT_SHIFT = 44; // bytes up to 16 TiB, instances up to 500,000
  private static final long BYTES_MASK = (1L << COUNT_SHIFT) - 1;
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
    long now = packed.addAndGet((1L << COUNT_SHIFT) + size);
    while (over(now) && evictOldest()) now = packed.get();
  }

  private boolean over(long now) {
    return (now >>> COUNT_SHIFT) > maxInstances || (now & BYTES_MASK) > maxBytes;
  }

  /** An idle instance of {@code size} bytes was taken or dropped. */
  void removed(long size) {
    packed.addAndGet(-((1L << COUNT_SHIFT) + size));
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
    return (int) (packed.get() >>> COUNT_SHIFT);
  }

  /** Linear memory of the idle instances now. */
  public long idleBytes() {
    return packed.get() & BYTES_MASK;
  }

  /** Idle instances dropped to stay within the budget so far. */
  public long evictedCount() {
    return evicted.get();
  }
}
