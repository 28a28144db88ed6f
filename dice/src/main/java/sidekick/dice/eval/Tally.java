package sidekick.dice.eval;

import static sidekick.dice.render.Marks.*;

/** Keep/drop, success counting and sorting over the items of a term (dice or group members). */
final class Tally {
  private Tally() {}

  /** Applies keep/drop and counting; returns the term's value. Marks are updated in place. */
  static double apply(double[] values, int[] marks, int size, DiceMods mods) {
    for (KeepDrop kd : mods.keepDrop) kd.apply(values, marks, size, NOT_COUNTED, DROPPED);
    return count(values, marks, size, mods);
  }

  /** Sums (or counts successes of) the items not dropped; marks successes and failures. */
  static double count(double[] values, int[] marks, int size, DiceMods mods) {
    double total = 0;
    boolean counting = mods.countsSuccesses();
    for (int i = 0; i < size; i++) {
      if ((marks[i] & NOT_COUNTED) != 0) continue;
      double v = values[i];
      if (!counting) {
        total += v;
        continue;
      }
      if (mods.doubleSuccess.length > 0 && Compare.any(mods.doubleSuccess, v)) {
        marks[i] |= DOUBLE_SUCCESS;
        total += 2;
      } else if (Compare.any(mods.success, v)) {
        marks[i] |= SUCCESS;
        total += 1;
      }
      if (Compare.any(mods.failure, v)) {
        marks[i] |= FAILURE;
        total -= 1;
      }
    }
    return total;
  }

  /** The total of a term's dice that still count, after a surrounding group dropped some. */
  static double recount(DieBuffer dice, DiceMods mods) {
    double total = 0;
    for (int i = 0; i < dice.size; i++) {
      int m = dice.marks[i];
      if ((m & NOT_COUNTED) != 0) continue;
      if (!mods.countsSuccesses()) total += dice.values[i];
      else if ((m & DOUBLE_SUCCESS) != 0) total += 2;
      else if ((m & SUCCESS) != 0) total += 1;
      if (mods.countsSuccesses() && (m & FAILURE) != 0) total -= 1;
    }
    return total;
  }

  /** Reorders a term's dice by value for display (stable), when asked to. */
  static void sort(DieBuffer dice, DiceMods.Sort sort) {
    if (sort == DiceMods.Sort.NONE || dice.size < 2) return;
    double[] values = new double[dice.size];
    for (int i = 0; i < dice.size; i++) values[i] = dice.values[i];
    sort(values, dice.marks, dice.size, sort);
    for (int i = 0; i < dice.size; i++) dice.values[i] = (int) values[i];
  }

  /** Reorders items by value for display (stable), when the term asks for it. */
  static void sort(double[] values, int[] marks, int size, DiceMods.Sort sort) {
    if (sort == DiceMods.Sort.NONE || size < 2) return;
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) order[i] = i;
    java.util.Comparator<Integer> byValue = (a, b) -> Double.compare(values[a], values[b]);
    java.util.Arrays.sort(order, sort == DiceMods.Sort.ASCENDING ? byValue : byValue.reversed());
    double[] v = values.clone();
    int[] m = marks.clone();
    for (int i = 0; i < size; i++) {
      values[i] = v[order[i]];
      marks[i] = m[order[i]];
    }
  }
}
