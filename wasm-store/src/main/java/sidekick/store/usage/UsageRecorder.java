package sidekick.store.usage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Usage recorded in memory, per (channel, plug, module hash), until the next flush drains it. A call
 * costs one map lookup and a short lock on that plug's counter; nothing waits on I/O.
 */
public final class UsageRecorder {
  /** Key of one plug version. */
  public record Key(String channel, String name, String hash) {}

  private static final class Pending {
    final UsageCounter counter = new UsageCounter();
    boolean drained;
  }

  private final ConcurrentHashMap<Key, Pending> pending = new ConcurrentHashMap<>();
  private final LongSupplier clockMillis;

  public UsageRecorder(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  public void record(
      String channel, String name, String hash, long micros, boolean ok, long in, long out) {
    Key key = new Key(channel, name, hash);
    long now = clockMillis.getAsLong();
    while (true) {
      Pending p = pending.computeIfAbsent(key, k -> new Pending());
      synchronized (p) {
        if (!p.drained) {
          p.counter.record(micros, ok, in, out, now);
          return;
        }
      }
      // a flush took this counter between the lookup and the lock: use a fresh one
    }
  }

  /** How many plug versions have unflushed usage. */
  public int pendingCount() {
    return pending.size();
  }

  /** Takes everything recorded so far; later calls go to fresh counters. */
  public Map<Key, UsageCounter> drain() {
    Map<Key, UsageCounter> out = new HashMap<>();
    for (Key key : pending.keySet()) {
      Pending p = pending.remove(key);
      if (p == null) continue;
      synchronized (p) {
        p.drained = true;
        out.put(key, p.counter);
      }
    }
    return out;
  }

  /** Puts back usage a failed flush could not write, so it is not lost. */
  public void restore(Map<Key, UsageCounter> failed) {
    failed.forEach(
        (key, counter) -> {
          while (true) {
            Pending p = pending.computeIfAbsent(key, k -> new Pending());
            synchronized (p) {
              if (!p.drained) {
                p.counter.absorb(counter);
                return;
              }
            }
          }
        });
  }

  /** A copy of the unflushed usage of one plug version, or null. */
  public UsageCounter pending(String channel, String name, String hash) {
    Pending p = pending.get(new Key(channel, name, hash));
    if (p == null) return null;
    synchronized (p) {
      return p.drained ? null : p.counter.copy();
    }
  }

  /** The unflushed usage of every plug that ran the module {@code hash}, summed. */
  public UsageCounter pendingForHash(String hash) {
    UsageCounter sum = new UsageCounter();
    pending.forEach(
        (key, p) -> {
          if (!key.hash().equals(hash)) return;
          synchronized (p) {
            if (!p.drained) sum.merge(p.counter, Long.MAX_VALUE);
          }
        });
    return sum;
  }
}
