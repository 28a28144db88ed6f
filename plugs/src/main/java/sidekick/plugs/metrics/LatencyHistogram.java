package sidekick.plugs.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free log-linear histogram of nanosecond latencies: 16 sub-buckets per power of two, so a
 * percentile read from it is within about 6% of the true value. Recording is two atomic adds.
 */
public final class LatencyHistogram {
  private static final int SUB_BITS = 4;
  private static final int SUB = 1 << SUB_BITS;
  private static final int BUCKETS = SUB + (64 - SUB_BITS) * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong max = new AtomicLong();

  public void record(long nanos) {
    long v = Math.max(0, nanos);
    counts.incrementAndGet(index(v));
    long m;
    while (v > (m = max.get()) && !max.compareAndSet(m, v)) {
      // retry
    }
  }

  static int index(long v) {
    if (v < SUB) return (int) v;
    int exp = 63 - Long.numberOfLeadingZeros(v);
    int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
    return SUB + (exp - SUB_BITS) * SUB + sub;
  }

  /** The middle of a bucket's value range. */
  static long value(int index) {
    if (index < SUB) return index;
    int exp = (index - SUB) / SUB + SUB_BITS;
    int sub = (index - SUB) % SUB;
    long low = (1L << exp) + ((long) sub << (exp - SUB_BITS));
    long width = 1L << (exp - SUB_BITS);
    return low + width / 2;
  }

  /** The value at quantile {@code q} (0..1), 0 when empty. */
  public long percentile(double q) {
    long total = 0;
    long[] snap = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      snap[i] = counts.get(i);
      total += snap[i];
    }
    if (total == 0) return 0;
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snap[i];
      if (seen >= Math.max(1, rank)) return Math.min(value(i), max.get());
    }
    return max.get();
  }

  public long max() {
    return max.get();
  }
}
