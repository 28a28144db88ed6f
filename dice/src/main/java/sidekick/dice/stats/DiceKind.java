package sidekick.dice.stats;

import java.util.function.DoubleUnaryOperator;

/**
 * Some identical, independent dice of a pool that keep/drop ranks: the distribution of the value
 * each one shows (what keep/drop compares), how many there are, and what one adds when kept.
 *
 * @param die the shown value of one die (after clamps, rerolls, compounding, penetration)
 * @param count how many dice of this kind the pool holds
 * @param score what a kept die showing v adds: v, its successes, or either times a factor
 */
record DiceKind(Pmf die, int count, DoubleUnaryOperator score) {
  DiceKind withCount(int n) {
    return new DiceKind(die, n, score);
  }

  /** The same dice with every contribution multiplied (a term subtracted or scaled in a group). */
  DiceKind times(double factor) {
    if (factor == 1) return this;
    DoubleUnaryOperator s = score;
    return new DiceKind(die, count, v -> factor * s.applyAsDouble(v));
  }
}
