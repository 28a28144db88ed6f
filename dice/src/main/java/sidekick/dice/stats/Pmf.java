package sidekick.dice.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import sidekick.dice.DiceException;

/**
 * A probability mass function: distinct values ascending, with their probabilities. Immutable.
 * Whole-number pmfs are convolved densely; anything else pairwise. Every operation charges its
 * work to a {@link Budget} so a hostile expression cannot keep the CPU busy.
 */
final class Pmf {
  final double[] values;
  final double[] probs;

  Pmf(double[] values, double[] probs) {
    this.values = values;
    this.probs = probs;
  }

  static Pmf constant(double v) {
    return new Pmf(new double[] {v}, new double[] {1});
  }

  /** Builds from an unordered map, dropping zero masses. */
  static Pmf of(Map<Double, Double> masses, Budget budget) {
    budget.support(masses.size());
    double[] v = new double[masses.size()];
    int n = 0;
    for (Map.Entry<Double, Double> e : masses.entrySet()) if (e.getValue() > 0) v[n++] = e.getKey();
    v = Arrays.copyOf(v, n);
    Arrays.sort(v);
    double[] p = new double[n];
    for (int i = 0; i < n; i++) p[i] = masses.get(v[i]);
    if (n == 0) return new Pmf(new double[] {0}, new double[] {0});
    return new Pmf(v, p);
  }

  /** Dense form: {@code p[i]} is the mass of {@code lo + i}. */
  static Pmf dense(long lo, double[] p, Budget budget) {
    int first = 0;
    int last = p.length - 1;
    while (first < last && p[first] == 0) first++;
    while (last > first && p[last] == 0) last--;
    int n = 0;
    for (int i = first; i <= last; i++) if (p[i] > 0) n++;
    budget.support(n);
    double[] v = new double[Math.max(n, 1)];
    double[] q = new double[v.length];
    int k = 0;
    for (int i = first; i <= last; i++) {
      if (p[i] > 0) {
        v[k] = lo + i;
        q[k++] = p[i];
      }
    }
    if (k == 0) v[0] = lo;
    return new Pmf(v, q);
  }

  int size() {
    return values.length;
  }

  double mass() {
    double m = 0;
    for (double p : probs) m += p;
    return m;
  }

  boolean integral() {
    for (double v : values) if (v != Math.rint(v) || Math.abs(v) > 1e12) return false;
    return true;
  }

  double min() {
    return values[0];
  }

  double max() {
    return values[values.length - 1];
  }

  /** The distribution of X + Y for independent X (this) and Y. */
  Pmf plus(Pmf other, Budget budget) {
    if (integral() && other.integral()) {
      long lo = (long) (min() + other.min());
      long span = (long) (max() - min()) + (long) (other.max() - other.min()) + 1;
      budget.support(span);
      budget.work((long) size() * other.size());
      double[] p = new double[(int) span];
      long aLo = (long) min();
      long bLo = (long) other.min();
      for (int i = 0; i < size(); i++) {
        int ai = (int) ((long) values[i] - aLo);
        double pa = probs[i];
        for (int j = 0; j < other.size(); j++) p[ai + (int) ((long) other.values[j] - bLo)] += pa * other.probs[j];
      }
      return dense(lo, p, budget);
    }
    return combine(other, Double::sum, budget);
  }

  /** The distribution of op(X, Y) for independent X and Y. */
  Pmf combine(Pmf other, DoubleBinaryOperator op, Budget budget) {
    budget.work((long) size() * other.size());
    Map<Double, Double> out = new HashMap<>();
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < other.size(); j++) {
        double v = op.applyAsDouble(values[i], other.values[j]);
        if (v == 0) v = 0; // -0.0 and 0.0 are one value
        out.merge(v, probs[i] * other.probs[j], Double::sum);
      }
    }
    return of(out, budget);
  }

  Pmf map(DoubleUnaryOperator f, Budget budget) {
    budget.work(size());
    Map<Double, Double> out = new HashMap<>();
    for (int i = 0; i < size(); i++) {
      double v = f.applyAsDouble(values[i]);
      if (v == 0) v = 0;
      out.merge(v, probs[i], Double::sum);
    }
    return of(out, budget);
  }

  Pmf scaled(double factor) {
    double[] p = probs.clone();
    for (int i = 0; i < p.length; i++) p[i] *= factor;
    return new Pmf(values, p);
  }

  /** Sum of {@code n} independent copies (square-and-multiply). */
  Pmf times(long n, Budget budget) {
    Pmf result = null;
    Pmf base = this;
    while (n > 0) {
      if ((n & 1) == 1) result = result == null ? base : result.plus(base, budget);
      n >>= 1;
      if (n > 0) base = base.plus(base, budget);
    }
    return result;
  }

  /** A weighted mixture of pmfs (weights are probabilities of each branch). */
  static Pmf mixture(Pmf[] parts, double[] weights, Budget budget) {
    Map<Double, Double> out = new HashMap<>();
    for (int k = 0; k < parts.length; k++) {
      Pmf part = parts[k];
      budget.work(part.size());
      for (int i = 0; i < part.size(); i++) out.merge(part.values[i], part.probs[i] * weights[k], Double::sum);
    }
    return of(out, budget);
  }

  /** Mass of values matching a predicate. */
  double massWhere(java.util.function.DoublePredicate p) {
    double m = 0;
    for (int i = 0; i < size(); i++) if (p.test(values[i])) m += probs[i];
    return m;
  }

  void requireNoMassAt(double v, String message, int position) {
    if (massWhere(x -> x == v) > 0) throw new DiceException(message, position);
  }
}
