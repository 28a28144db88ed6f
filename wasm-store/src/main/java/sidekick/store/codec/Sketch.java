package sidekick.store.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A bottom-k MinHash sketch of a module's content-defined chunks: a few hundred bytes that estimate
 * how much content two modules share, so an upload can pick delta bases without decoding anything.
 * Chunk boundaries come from a gear rolling hash, so an insertion shifts only nearby chunks.
 */
public final class Sketch {
  /** Hashes kept per sketch. */
  public static final int K = 64;
  /** Boundary when the low bits of the gear hash are zero: average chunk of 2^8 bytes. */
  private static final long BOUNDARY_MASK = (1L << 8) - 1;
  private static final int MIN_CHUNK = 32;
  private static final long[] GEAR = gearTable();

  private final long[] hashes; // sorted ascending, distinct, at most K

  private Sketch(long[] hashes) {
    this.hashes = hashes;
  }

  public static Sketch of(byte[] data) {
    long[] smallest = new long[K];
    int count = 0;
    int start = 0;
    long gear = 0;
    for (int i = 0; i < data.length; i++) {
      gear = (gear << 1) + GEAR[data[i] & 0xff];
      boolean last = i == data.length - 1;
      if (last || (i - start >= MIN_CHUNK && (gear & BOUNDARY_MASK) == 0)) {
        count = insert(smallest, count, chunkHash(data, start, i + 1));
        start = i + 1;
      }
    }
    return new Sketch(Arrays.copyOf(smallest, count));
  }

  /** Estimated Jaccard similarity of the two chunk sets, 0..1. */
  public double similarity(Sketch other) {
    if (hashes.length == 0 || other.hashes.length == 0) return 0;
    int i = 0;
    int j = 0;
    int seen = 0;
    int shared = 0;
    while (seen < K && (i < hashes.length || j < other.hashes.length)) {
      if (j >= other.hashes.length || (i < hashes.length && hashes[i] < other.hashes[j])) {
        i++;
      } else if (i >= hashes.length || other.hashes[j] < hashes[i]) {
        j++;
      } else {
        shared++;
        i++;
        j++;
      }
      seen++;
    }
    return (double) shared / seen;
  }

  public byte[] toBytes() {
    ByteBuffer buf = ByteBuffer.allocate(hashes.length * Long.BYTES);
    for (long h : hashes) buf.putLong(h);
    return buf.array();
  }

  public static Sketch fromBytes(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long[] h = new long[bytes.length / Long.BYTES];
    for (int i = 0; i < h.length; i++) h[i] = buf.getLong();
    return new Sketch(h);
  }

  /** Inserts into the sorted array of the smallest distinct values, keeping at most K. */
  private static int insert(long[] smallest, int count, long h) {
    int pos = Arrays.binarySearch(smallest, 0, count, h);
    if (pos >= 0) return count;
    pos = -pos - 1;
    if (pos >= K) return count;
    int moved = Math.min(count, K - 1) - pos;
    if (moved > 0) System.arraycopy(smallest, pos, smallest, pos + 1, moved);
    smallest[pos] = h;
    return Math.min(count + 1, K);
  }

  private static long chunkHash(byte[] data, int from, int to) {
    long h = 0xcbf29ce484222325L; // FNV-1a, then a murmur finaliser to spread the bits
    for (int i = from; i < to; i++) h = (h ^ (data[i] & 0xff)) * 0x100000001b3L;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private static long[] gearTable() {
    long[] t = new long[256];
    long x = 0x9E3779B97F4A7C15L; // fixed seed: sketches must be stable across runs
    for (int i = 0; i < t.length; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      t[i] = x;
    }
    return t;
  }
}
