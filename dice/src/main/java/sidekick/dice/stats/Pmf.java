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
 *
 * <p>Besides the listed values, a pmf knows the bounds of its support ({@link #lo}, {@link #hi}):
 * a value whose probability underflows a double (1000 on {@code 1000d6}, about 1e-778) is not
 * listed, but it is still possible, and reports show it as the minimum. An unbounded mechanic
 * that was cut off has an infinite bound.
 */
final class Pmf {
  final double[] values;
  final double[] probs;
  /** Smallest and largest possible value (may lie beyond the listed ones, or be infinite). */
  final double lo;
  final double hi;

  Pmf(double[] values, double[] probs) {
    this(values, probs, values[0], values[values.length - 1]);
  }

  Pmf(double[] values, double[] probs, double lo, double hi) {
    this.values = values;
    this.probs = probs;
    this.lo = lo;
    this.hi = hi;
  }

  static Pmf constant(double v) {
    return new Pmf(new double[] {v}, new double[] {1});
  }

  /** No value at all (a sub-distribution of mass 0); its bounds are empty. */
  static Pmf empty() {
    return new Pmf(new double[] {0}, new double[] {0}, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
  }

  boolean isEmpty() {
    return lo > hi;
  }

  /** Builds from an unordered map, listing positive masses; every key is a possible value. */
  static Pmf of(Map<Double, Double> masses, Budget budget) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double k : masses.keySet()) {
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
    }
    return of(masses, lo, hi, budget);
  }

  /** Builds from an unordered map with known support bounds. */
  static Pmf of(Map<Double, Double> masses, double lo, double hi, Budget budget) {
    budget.support(masses.size());
    double[] v = new double[masses.size()];
    int n = 0;
    for (Map.Entry<Double, Double> e : masses.entrySet()) if (e.getValue() > 0) v[n++] = e.getKey();
    v = Arrays.copyOf(v, n);
    Arrays.sort(v);
    double[] p = new double[n];
    for (int i = 0; i < n; i++) p[i] = masses.get(v[i]);
    if (n == 0) return lo <= hi ? new Pmf(new double[] {lo}, new double[] {0}, lo, hi) : empty();
    return new Pmf(v, p, Math.min(lo, v[0]), Math.max(hi, v[n - 1]));
  }

  /** Dense form: {@code p[i]} is the mass of {@code lo + i}; support bounds as given. */
  static Pmf dense(long lo, double[] p, double supportLo, double supportHi, Budget budget) {
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
    return new Pmf(v, q, Math.min(supportLo, v[0]), Math.max(supportHi, v[v.length - 1]));
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
    if (isEmpty() || other.isEmpty()) return empty();
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
      return dense(lo, p, this.lo + other.lo, this.hi + other.hi, budget);
    }
    return combine(other, Double::sum, budget);
  }

  /**
   * The distribution of op(X, Y) for independent X and Y. The support bounds also look at op on
   * the operands' bounds, exact for the monotone operations that meet unlisted (underflowed) tails.
   */
  Pmf combine(Pmf other, DoubleBinaryOperator op, Budget budget) {
    if (isEmpty() || other.isEmpty()) return empty();
    budget.mapWork((long) size() * other.size());
    Map<Double, Double> out = new HashMap<>();
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < other.size(); j++) {
        double v = op.applyAsDouble(values[i], other.values[j]);
        if (v == 0) v = 0; // -0.0 and 0.0 are one value
        out.merge(v, probs[i] * other.probs[j], Double::sum);
      }
    }
    Bounds b = new Bounds();
    for (double x : new double[] {lo, hi}) for (double y : new double[] {other.lo, other.hi}) b.tryAdd(() -> op.applyAsDouble(x, y));
    return of(out, b.lo, b.hi, budget);
  }

  Pmf map(DoubleUnaryOperator f, Budget budget) {
    if (isEmpty()) return empty();
    budget.mapWork(size());
    Map<Double, Double> out = new HashMap<>();
    for (int i = 0; i < size(); i++) {
      double v = f.applyAsDouble(values[i]);
      if (v == 0) v = 0;
      out.merge(v, probs[i], Double::sum);
    }
    Bounds b = new Bounds();
    b.tryAdd(() -> f.applyAsDouble(lo));
    b.tryAdd(() -> f.applyAsDouble(hi));
    return of(out, b.lo, b.hi, budget);
  }

  /** Smallest and largest of some candidate values; a candidate that fails (x / 0 on a bound) is skipped. */
  private static final class Bounds {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;

    void tryAdd(java.util.function.DoubleSupplier candidate) {
      double v;
      try {
        v = candidate.getAsDouble();
      } catch (DiceException e) {
        return;
      }
      if (Double.isNaN(v)) return;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }

  Pmf scaled(double factor) {
    double[] p = probs.clone();
    for (int i = 0; i < p.length; i++) p[i] *= factor;
    return new Pmf(values, p, lo, hi);
  }

  /** The same listed values with other support bounds. */
  Pmf withBounds(double lo, double hi) {
    return new Pmf(values, probs, Math.min(lo, values[0]), Math.max(hi, values[values.length - 1]));
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
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < parts.length; k++) {
      Pmf part = parts[k];
      if (part.isEmpty() || weights[k] <= 0) continue;
      budget.mapWork(part.size());
      for (int i = 0; i < part.size(); i++) out.merge(part.values[i], part.probs[i] * weights[k], Double::sum);
      lo = Math.min(lo, part.lo);
      hi = Math.max(hi, part.hi);
    }
    return of(out, lo, hi, budget);
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
