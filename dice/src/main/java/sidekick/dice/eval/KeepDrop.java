package sidekick.dice.eval;

/** One keep or drop step: {@code kh3}, {@code kl1}, {@code dl1}, {@code dh2}. */
public record KeepDrop(boolean keep, boolean highest, int count) {
  /** Marks dropped items (bit {@code dropped} in {@code marks}) among those not yet excluded. */
  void apply(double[] values, int[] marks, int size, int excluded, int dropped) {
    int live = 0;
    for (int i = 0; i < size; i++) if ((marks[i] & excluded) == 0) live++;
    // Dropping "the lowest n" == keeping the highest live-n; express both as "drop n from one end".
    int toDrop = keep ? Math.max(0, live - count) : Math.min(live, count);
    boolean dropLow = keep == highest;
    for (int k = 0; k < toDrop; k++) {
      int pick = -1;
      for (int i = 0; i < size; i++) {
        if ((marks[i] & excluded) != 0) continue;
        // ties: among equal values an earlier die ranks lower, so it goes first when dropping low
        // and last when dropping high (the exact odds rank ties the same way)
        if (pick < 0 || (dropLow ? values[i] < values[pick] : values[i] >= values[pick])) pick = i;
      }
      marks[pick] |= dropped;
    }
  }

  /** How many of {@code n} items stay. */
  public int kept(int n) {
    return keep ? Math.min(n, count) : Math.max(0, n - count);
  }

  @Override
  public String toString() {
    return (keep ? "k" : "d") + (highest ? "h" : "l") + count;
  }
}
