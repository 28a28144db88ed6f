package sidekick.dice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The probability distribution of an expression's total: distinct values in ascending order, each
 * with its probability. Immutable.
 */
public final class Distribution {
  private final double[] values;
  private final double[] probabilities;
  private final boolean exact;
  private final double cutOffMass;
  private final double supportMin;
  private final double supportMax;

  /** A distribution whose possible values are exactly the listed ones. */
  public Distribution(double[] values, double[] probabilities, boolean exact, double cutOffMass) {
    this(values, probabilities, exact, cutOffMass, values.length == 0 ? 0 : values[0],
        values.length == 0 ? 0 : values[values.length - 1]);
  }

  /**
   * @param values distinct, ascending
   * @param probabilities same length, summing to 1 - cutOffMass
   * @param exact false when an unbounded mechanic was cut off
   * @param cutOffMass probability mass dropped by the cut-off (below 1e-9 when not exact)
   * @param supportMin the smallest possible value, which may be below the listed ones when its
   *     probability underflows a double (1000 on {@code 1000d6}); -infinity when unbounded
   * @param supportMax likewise the largest possible value; +infinity when unbounded (explosions)
   */
  public Distribution(double[] values, double[] probabilities, boolean exact, double cutOffMass,
      double supportMin, double supportMax) {
    if (values.length != probabilities.length || values.length == 0) {
      throw new IllegalArgumentException("values and probabilities must be non-empty and match");
    }
    this.values = values.clone();
    this.probabilities = probabilities.clone();
    this.exact = exact;
    this.cutOffMass = cutOffMass;
    this.supportMin = Math.min(supportMin, values[0]);
    this.supportMax = Math.max(supportMax, values[values.length - 1]);
  }

  /** The cut-off below which an unbounded mechanic (exploding, ...) stops being followed. */
  public static final double CUT_OFF = 1e-9;

  public int size() {
    return values.length;
  }

  public double value(int i) {
    return values[i];
  }

  public double probability(int i) {
    return probabilities[i];
  }

  public double[] values() {
    return values.clone();
  }

  public double[] probabilities() {
    return probabilities.clone();
  }

  /** The probability of exactly {@code v} (0 if impossible). */
  public double probabilityOf(double v) {
    int i = Arrays.binarySearch(values, v);
    return i >= 0 ? probabilities[i] : 0;
  }

  /** The probability of a total at least {@code v}. */
  public double probabilityAtLeast(double v) {
    double p = 0;
    for (int i = values.length - 1; i >= 0 && values[i] >= v; i--) p += probabilities[i];
    return p;
  }

  /**
   * The smallest possible total, even when its probability is too small for a double and it is
   * not listed ({@code 1000d6}: 1000). When the total has no lower bound (exploding dice
   * subtracted), the smallest value listed before the cut-off.
   */
  public double min() {
    return Double.isFinite(supportMin) ? supportMin : values[0];
  }

  /** The largest possible total; for unbounded mechanics (explosions), the largest value listed. */
  public double max() {
    return Double.isFinite(supportMax) ? supportMax : values[values.length - 1];
  }

  /** True when the total has no upper bound (an explosion was cut off); {@link #max()} is then the largest listed. */
  public boolean unboundedAbove() {
    return supportMax == Double.POSITIVE_INFINITY;
  }

  /** True when the total has no lower bound; {@link #min()} is then the smallest listed. */
  public boolean unboundedBelow() {
    return supportMin == Double.NEGATIVE_INFINITY;
  }

  public double mean() {
    double total = 0, mass = 0;
    for (int i = 0; i < values.length; i++) {
      total += values[i] * probabilities[i];
      mass += probabilities[i];
    }
    return total / mass;
  }

  public double stdev() {
    double mean = mean(), sq = 0, mass = 0;
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - mean;
      sq += d * d * probabilities[i];
      mass += probabilities[i];
    }
    return Math.sqrt(sq / mass);
  }

  /** True when every value was followed to the end; false when a cut-off was needed. */
  public boolean exact() {
    return exact;
  }

  /** Probability mass left out by the cut-off; 0 when exact. */
  public double cutOffMass() {
    return cutOffMass;
  }

  /** The mean as reports show it (`sidekick stats --json`, `/v1/stats`): 4 decimal places, half up. */
  public double reportedMean() {
    return decimals(mean(), REPORTED_DECIMALS);
  }

  /** The standard deviation as reports show it: 4 decimal places, half up. */
  public double reportedStdev() {
    return decimals(stdev(), REPORTED_DECIMALS);
  }

  /** The probability of the i-th value as reports show it: 6 significant digits. */
  public double reportedProbability(int i) {
    double p = probabilities[i];
    return p == 0 ? 0 : new BigDecimal(p).round(new MathContext(REPORTED_SIGNIFICANT_DIGITS)).doubleValue();
  }

  /** Precision of the figures every report of a distribution prints, so all reports agree. */
  public static final int REPORTED_DECIMALS = 4;
  public static final int REPORTED_SIGNIFICANT_DIGITS = 6;

  private static double decimals(double v, int places) {
    return new BigDecimal(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
  }
}
