package sidekick.dice.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The distribution of what the kept dice of n identical dice add up to, when the kept dice are
 * those of ranks [lo, hi) in ascending order ({@code 4d6kh3}: ranks 1..3 of 0..3). Dynamic
 * programming over faces in ascending order: how many dice took each face, with multinomial
 * weights, and the running score of the kept ones.
 */
final class OrderStatistics {
  private OrderStatistics() {}

  static Pmf keptScore(Pmf die, int n, int[] range, DoubleUnaryOperator score, Budget budget) {
    int lo = range[0];
    int hi = range[1];
    double[] logFact = new double[n + 1];
    for (int i = 1; i <= n; i++) logFact[i] = logFact[i - 1] + Math.log(i);
    // state: dice placed so far -> (score -> mass)
    @SuppressWarnings("unchecked")
    Map<Double, Double>[] dp = new Map[n + 1];
    dp[0] = new HashMap<>();
    dp[0].put(0.0, 1.0);
    for (int t = 0; t < die.size(); t++) {
      double s = score.applyAsDouble(die.values[t]);
      double logQ = Math.log(die.probs[t]);
      @SuppressWarnings("unchecked")
      Map<Double, Double>[] next = new Map[n + 1];
      for (int j = 0; j <= n; j++) {
        if (dp[j] == null) continue;
        for (int m = 0; j + m <= n; m++) {
          double w = Math.exp(logFact[n - j] - logFact[m] - logFact[n - j - m] + m * logQ);
          if (w == 0 && m > 0) break;
          int kept = Math.max(0, Math.min(j + m, hi) - Math.max(j, lo));
          double add = kept * s;
          budget.work(dp[j].size());
          Map<Double, Double> target = next[j + m] == null ? (next[j + m] = new HashMap<>()) : next[j + m];
          for (Map.Entry<Double, Double> e : dp[j].entrySet()) target.merge(e.getKey() + add, e.getValue() * w, Double::sum);
        }
      }
      dp = next;
    }
    return Pmf.of(dp[n] == null ? Map.of(0.0, 0.0) : dp[n], budget);
  }
}
