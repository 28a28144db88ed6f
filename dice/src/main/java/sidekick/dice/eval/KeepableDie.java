package sidekick.dice.eval;

/**
 * One die a single-member group's keep/drop may drop ({@code {4d6+3d8}k4}): a slot in the dice
 * buffer of the term that rolled it.
 */
record KeepableDie(DieBuffer buffer, int index) {
  int value() {
    return buffer.values[index];
  }

  int marks() {
    return buffer.marks[index];
  }

  void mark(int bits) {
    buffer.marks[index] |= bits;
  }
}
