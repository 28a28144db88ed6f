package sidekick.dice.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import sidekick.dice.eval.DiceMods;

/** A group with keep/drop or success counting: every combination of member totals, enumerated. */
final class GroupOdds {
  private GroupOdds() {}

  static Pmf of(Pmf[] members, DiceMods mods, Budget budget) {
    long combos = 1;
    for (Pmf m : members) {
      combos *= m.size();
      budget.mapWork(combos);
    }
    int[] range = DiceTerms.keptRange(members.length, mods.keepDrop);
    Map<Double, Double> out = new HashMap<>();
    int[] pick = new int[members.length];
    double[] values = new double[members.length];
    while (true) {
      double p = 1;
      for (int i = 0; i < members.length; i++) {
        values[i] = members[i].values[pick[i]];
        p *= members[i].probs[pick[i]];
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      double total = 0;
      for (int r = range[0]; r < range[1]; r++) total += DiceTerms.score(sorted[r], mods);
      out.merge(total == 0 ? 0 : total, p, Double::sum);
      int k = 0;
      while (k < members.length && ++pick[k] == members[k].size()) pick[k++] = 0;
      if (k == members.length) break;
    }
    return Pmf.of(out, budget);
  }
}
