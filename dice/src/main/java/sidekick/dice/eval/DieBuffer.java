package sidekick.dice.eval;

import java.util.Arrays;

/** Growable parallel arrays of die values and marks; no boxing on the hot path. */
final class DieBuffer {
  int[] values;
  int[] marks;
  int size;

  DieBuffer(int capacity) {
    values = new int[Math.max(1, capacity)];
    marks = new int[values.length];
  }

  void add(int value, int mark) {
    if (size == values.length) {
      int n = size * 2;
      values = Arrays.copyOf(values, n);
      marks = Arrays.copyOf(marks, n);
    }
    values[size] = value;
    marks[size] = mark;
    size++;
  }

  void markLast(int mark) {
    marks[size - 1] |= mark;
  }
}
