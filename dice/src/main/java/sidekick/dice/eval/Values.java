package sidekick.dice.eval;

import sidekick.dice.DiceException;

/** Checks that turn a computed number into a count or a number of sides. */
final class Values {
  private Values() {}

  static long wholeCount(double v, String what, int position) {
    if (v != Math.rint(v) || Double.isInfinite(v)) {
      throw new DiceException(what + " must be a whole number, not " + sidekick.dice.render.Numbers.format(v), position);
    }
    return (long) v;
  }

  static long diceCount(double v, int maxDice, int position) {
    long n = wholeCount(v, "the number of dice", position);
    if (n < 1) throw new DiceException("roll at least one die (the number of dice is " + n + ")", position);
    if (n > maxDice) throw new DiceException("too many dice: " + n + " (at most " + maxDice + ")", position);
    return n;
  }

  static int sides(double v, int maxSides, int position) {
    long n = wholeCount(v, "the number of sides", position);
    if (n < 1) throw new DiceException("a die needs at least one side (got " + n + ")", position);
    if (n > maxSides) throw new DiceException("too many sides: " + n + " (at most " + maxSides + ")", position);
    return (int) n;
  }

  /** Fails on a result too large to be a number any more. */
  static double finite(double v, int position) {
    if (Double.isInfinite(v)) throw new DiceException("the result is too large", position);
    if (Double.isNaN(v)) throw new DiceException("the result is not a number", position);
    return v;
  }
}
