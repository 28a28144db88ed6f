package sidekick.dice.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;

/**
 * The pool of an exploding term ({@code 4d6!kh3}, {@code 5d10!p>8dl1}) where every explosion is a
 * die of its own. Each of the n dice rolls faces until one does not explode, so the pool holds n
 * stopping faces and T exploding ones, each independent, with T negative binomial: P(T = t) =
 * C(n+t-1, t) p^t (1-p)^n for p the chance to explode. Penetrating dice show one less after the
 * first of their chain, so their pool also splits by which dice are first. Branches are followed
 * until less than {@code cut} of the probability is left; the rest is cut off (not exact).
 */
final class ExplodingPool {
  private ExplodingPool() {}

  static DicePool of(Pmf face, DoublePredicate explodes, int n, boolean penetrate, DoubleUnaryOperator score,
      double cut, Budget budget, Runnable truncated) {
    Map<Double, Double> stopMasses = new HashMap<>();
    Map<Double, Double> boomMasses = new HashMap<>();
    double p = 0;
    for (int i = 0; i < face.size(); i++) {
      boolean boom = explodes.test(face.values[i]);
      (boom ? boomMasses : stopMasses).merge(face.values[i], face.probs[i], Double::sum);
      if (boom) p += face.probs[i];
    }
    if (p == 0) return DicePool.of(new DiceKind(face, n, score));
    Pmf stop = Pmf.of(stopMasses, budget).scaled(1 / (1 - p));
    Pmf boom = Pmf.of(boomMasses, budget).scaled(1 / p);
    DicePool pool = new DicePool();
    if (!penetrate) {
      double left = extraDice(n, p, cut, budget, (t, w) -> pool.add(new DiceKind[] {
          new DiceKind(stop, n, score), new DiceKind(boom, t, score)}, w));
      if (left > 0) pool.truncated = true;
    } else {
      Pmf stopShown = stop.map(v -> v - 1, budget);
      Pmf boomShown = boom.map(v -> v - 1, budget);
      double left = 0;
      double chainsThatExplode = Math.pow(1 - p, n); // P(a = 0), then binomial recurrence
      for (int a = 0; a <= n; a++) {
        int first = a;
        double weight = chainsThatExplode;
        if (weight > 0) {
          left += weight * extraDice(a, p, cut / (n + 1) / weight, budget, (t, w) -> pool.add(new DiceKind[] {
              new DiceKind(stop, n - first, score), new DiceKind(boom, first, score),
              new DiceKind(stopShown, first, score), new DiceKind(boomShown, t, score)}, weight * w));
        }
        chainsThatExplode *= (double) (n - a) / (a + 1) * p / (1 - p);
      }
      if (left > 0) pool.truncated = true;
    }
    if (pool.truncated) truncated.run();
    return pool;
  }

  interface Branch {
    void add(int extra, double weight);
  }

  /**
   * Walks the number of extra (exploding) dice among {@code chains} chains, t = 0, 1, ..., until
   * less than {@code cut} is left; returns the probability left out.
   */
  private static double extraDice(int chains, double p, double cut, Budget budget, Branch branch) {
    if (chains == 0) {
      branch.add(0, 1);
      return 0;
    }
    double w = Math.pow(1 - p, chains);
    double left = 1;
    for (int t = 0; ; t++) {
      budget.work(1);
      branch.add(t, w);
      left -= w;
      if (left <= cut) return Math.max(0, left);
      w *= (double) (chains + t) / (t + 1) * p;
    }
  }
}
