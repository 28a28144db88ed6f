package sidekick.dice.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The dice keep/drop chooses from, as a mixture: each branch is a fixed list of {@link DiceKind}s
 * (in the order the dice are rolled) with its probability. Exploding dice make the number of dice
 * random, hence several branches; {@code truncated} says a negligible tail of branches was cut off.
 */
final class DicePool {
  final List<DiceKind[]> branches = new ArrayList<>();
  final List<Double> weights = new ArrayList<>();
  boolean truncated;

  static DicePool of(DiceKind... kinds) {
    DicePool p = new DicePool();
    p.add(kinds, 1);
    return p;
  }

  void add(DiceKind[] kinds, double weight) {
    branches.add(kinds);
    weights.add(weight);
  }

  int size() {
    return branches.size();
  }

  /** Both pools' dice side by side (this one's first), every pair of branches. */
  DicePool with(DicePool other, Budget budget) {
    DicePool out = new DicePool();
    budget.work((long) size() * other.size());
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < other.size(); j++) {
        DiceKind[] a = branches.get(i);
        DiceKind[] b = other.branches.get(j);
        DiceKind[] both = new DiceKind[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        out.add(both, weights.get(i) * other.weights.get(j));
      }
    }
    out.truncated = truncated || other.truncated;
    return out;
  }

  /** Every die's contribution multiplied by {@code factor}. */
  DicePool times(double factor) {
    if (factor == 1) return this;
    DicePool out = new DicePool();
    for (int i = 0; i < size(); i++) {
      DiceKind[] k = branches.get(i).clone();
      for (int j = 0; j < k.length; j++) k[j] = k[j].times(factor);
      out.add(k, weights.get(i));
    }
    out.truncated = truncated;
    return out;
  }

  static int dice(DiceKind[] kinds) {
    int n = 0;
    for (DiceKind k : kinds) n += k.count();
    return n;
  }
}
