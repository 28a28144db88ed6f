package sidekick.dice.inline;

import java.util.Arrays;

/**
 * The parts of a text the finder must not look into (code, URLs, mentions, forced rolls), as
 * sorted, disjoint {@code [start, end)} spans: a message has a handful at most, so they cost a
 * few ints where a flag per character cost the length of the text, filled in.
 */
final class BlockedSpans {
  /** No blocked text. */
  static final BlockedSpans NONE = new BlockedSpans(new int[0], 0);

  private int[] bounds; // start0, end0, start1, end1, ...: sorted and disjoint once merged
  private int size; // ints used in bounds

  private BlockedSpans(int[] bounds, int size) {
    this.bounds = bounds;
    this.size = size;
  }

  static BlockedSpans empty() {
    return new BlockedSpans(new int[4], 0);
  }

  /** Adds {@code [from, to)}; spans may come in any order and overlap until {@link #merge()}. */
  void add(int from, int to) {
    if (from >= to) return;
    if (size == bounds.length) bounds = Arrays.copyOf(bounds, Math.max(4, size * 2));
    bounds[size++] = from;
    bounds[size++] = to;
  }

  /** Sorts the spans and joins those that overlap or touch; call before the queries. */
  BlockedSpans merge() {
    int spans = size / 2;
    if (spans < 2) return this;
    long[] packed = new long[spans]; // start in the high half: sorting the longs sorts by start
    for (int k = 0; k < spans; k++) packed[k] = ((long) bounds[2 * k] << 32) | bounds[2 * k + 1];
    Arrays.sort(packed);
    int out = 0;
    for (long p : packed) {
      int from = (int) (p >>> 32);
      int to = (int) p;
      if (out > 0 && from <= bounds[out - 1]) {
        bounds[out - 1] = Math.max(bounds[out - 1], to);
      } else {
        bounds[out++] = from;
        bounds[out++] = to;
      }
    }
    size = out;
    return this;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Whether position {@code k} is blocked. */
  boolean contains(int k) {
    for (int s = 0; s < size && bounds[s] <= k; s += 2) if (k < bounds[s + 1]) return true;
    return false;
  }

  /** The first blocked position at or after {@code k}, or {@link Integer#MAX_VALUE}. */
  int nextBlocked(int k) {
    for (int s = 0; s < size; s += 2) if (k < bounds[s + 1]) return Math.max(k, bounds[s]);
    return Integer.MAX_VALUE;
  }

  /** The end of the last span that ends at or before {@code k} (0 when none does). */
  int lastEndAtOrBefore(int k) {
    int end = 0;
    for (int s = 0; s < size && bounds[s + 1] <= k; s += 2) end = bounds[s + 1];
    return end;
  }
}
