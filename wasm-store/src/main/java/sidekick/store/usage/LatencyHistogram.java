package sidekick.store.usage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Call durations in log-linear buckets: exact below 16 µs, then 8 buckets per power of two (a value
 * is reported within about 6% of the truth), up to 2^40 µs. Small enough to keep per plug and to
 * store as a few bytes (sparse varints).
 */
public final class LatencyHistogram {
  private static final int EXACT = 16;
  private static final int SUB_BITS = 3;
  private static final int MAX_EXPONENT = 40;
  static final int BUCKETS = EXACT + (MAX_EXPONENT - 4 + 1) * (1 << SUB_BITS);

  private final long[] counts = new long[BUCKETS];
  private long total;

  public void record(long micros) {
    counts[bucket(micros)]++;
    total++;
  }

  public void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) counts[i] += other.counts[i];
    total += other.total;
  }

  public long count() {
    return total;
  }

  /** The value at quantile q (0..1), 0 when empty. */
  public long quantile(double q) {
    if (total == 0) return 0;
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) return representative(i);
    }
    return representative(BUCKETS - 1);
  }

  static int bucket(long micros) {
    if (micros < EXACT) return (int) Math.max(0, micros);
    int exponent = 63 - Long.numberOfLeadingZeros(micros);
    if (exponent > MAX_EXPONENT) return BUCKETS - 1;
    int sub = (int) (micros >>> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1);
    return EXACT + (exponent - 4) * (1 << SUB_BITS) + sub;
  }

  /** Middle of bucket i. */
  static long representative(int i) {
    if (i < EXACT) return i;
    int exponent = (i - EXACT) / (1 << SUB_BITS) + 4;
    int sub = (i - EXACT) % (1 << SUB_BITS);
    long width = 1L << (exponent - SUB_BITS);
    long low = (1L << exponent) + sub * width;
    return low + width / 2;
  }

  /** Sparse encoding: (bucket gap, count) varint pairs. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int last = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (counts[i] == 0) continue;
      writeVarint(out, i - last);
      writeVarint(out, counts[i]);
      last = i;
    }
    return out.toByteArray();
  }

  /** Decodes {@link #toBytes()}; null or damaged input gives what could be read. */
  public static LatencyHistogram fromBytes(byte[] bytes) {
    LatencyHistogram h = new LatencyHistogram();
    if (bytes == null) return h;
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int index = 0;
    while (in.hasRemaining()) {
      long gap = readVarint(in);
      long count = readVarint(in);
      index += (int) gap;
      if (gap < 0 || count < 0 || index >= BUCKETS) break;
      h.counts[index] += count;
      h.total += count;
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram h && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  private static void writeVarint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarint(ByteBuffer in) {
    long v = 0;
    for (int shift = 0; shift < 64 && in.hasRemaining(); shift += 7) {
      byte b = in.get();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return -1;
  }
}
