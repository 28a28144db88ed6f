package sidekick.dice.stats;

import java.util.HashMap;
import java.util.Map;
import sidekick.dice.DiceException;
import sidekick.dice.Distribution;
import sidekick.dice.eval.Compare;
import sidekick.dice.eval.DiceMods;
import sidekick.dice.eval.Faces;
import sidekick.dice.eval.KeepDrop;

/** The distribution of one dice term: one die with its rerolls and explosions, then n of them. */
final class DiceTerms {
  private final Budget budget;
  private boolean truncated;

  DiceTerms(Budget budget) {
    this.budget = budget;
  }

  boolean truncated() {
    return truncated;
  }

  static long count(double v, int maxDice, int position) {
    if (v != Math.rint(v)) throw new DiceException("the number of dice could be " + v + ", not a whole number", position);
    if (v < 1) throw new DiceException("the number of dice could be " + (long) v + ": roll at least one die", position);
    if (v > maxDice) throw new DiceException("the number of dice could be " + (long) v + " (at most " + maxDice + ")", position);
    return (long) v;
  }

  static int sides(double v, int maxSides, int position) {
    if (v != Math.rint(v) || v < 1) throw new DiceException("the number of sides could be " + v, position);
    if (v > maxSides) throw new DiceException("too many sides: " + (long) v + " (at most " + maxSides + ")", position);
    return (int) v;
  }

  Pmf term(Faces faces, long n, DiceMods mods, int position) {
    if (mods.unique) throw new DiceException("exact odds are not available for unique dice (u)", position);
    mods.checkCanStop(faces, n, position);
    boolean explodesPerItem = mods.explode == DiceMods.Explode.EXPLODE || mods.explode == DiceMods.Explode.PENETRATE;
    if (mods.keepDrop.length > 0 && explodesPerItem) {
      throw new DiceException("exact odds are not available for keep/drop on exploding dice (each explosion is a die of its own); compounding (!!) works", position);
    }
    Pmf face = faceAfterRerolls(faces, mods);
    double chainCut = Distribution.CUT_OFF / (100.0 * n);
    if (mods.keepDrop.length > 0) {
      Pmf perDie = mods.explode == DiceMods.Explode.COMPOUND ? chain(face, faces, mods, chainCut, v -> v, false) : face;
      return OrderStatistics.keptScore(perDie, (int) n, keptRange((int) n, mods.keepDrop), v -> score(v, mods), budget);
    }
    Pmf item;
    switch (mods.explode) {
      case NONE:
        item = face.map(v -> score(v, mods), budget);
        break;
      case COMPOUND:
        item = chain(face, faces, mods, chainCut, v -> v, false).map(v -> score(v, mods), budget);
        break;
      default:
        item = chain(face, faces, mods, chainCut, v -> score(v, mods), mods.explode == DiceMods.Explode.PENETRATE);
    }
    return item.times(n, budget);
  }

  /** The face after min/max clamps and rerolls ({@code r}: until no match; {@code ro}: once). */
  private Pmf faceAfterRerolls(Faces faces, DiceMods mods) {
    Map<Double, Double> m = new HashMap<>();
    for (int i = 0; i < faces.distinct(); i++) m.merge((double) mods.clamp(faces.face(i)), faces.probability(i), Double::sum);
    Pmf base = Pmf.of(m, budget);
    if (mods.reroll.length == 0) return base;
    double rerolled = base.massWhere(v -> Compare.any(mods.reroll, v));
    Map<Double, Double> out = new HashMap<>();
    for (int i = 0; i < base.size(); i++) {
      double v = base.values[i];
      double p = base.probs[i];
      boolean match = Compare.any(mods.reroll, v);
      double q = mods.rerollOnce ? (match ? 0 : p) + rerolled * p : (match ? 0 : p / (1 - rerolled));
      if (q > 0) out.merge(v, q, Double::sum);
    }
    return Pmf.of(out, budget);
  }

  /**
   * The total of one die and the dice it explodes into: the sum over k of (k exploding faces) then
   * one that does not. {@code score} turns a shown value into what counts; penetrating dice show one
   * less after the first.
   */
  private Pmf chain(Pmf face, Faces faces, DiceMods mods, double cut, java.util.function.DoubleUnaryOperator score, boolean penetrate) {
    Pmf firstExplode = part(face, faces, mods, true, score, 0);
    Pmf firstStop = part(face, faces, mods, false, score, 0);
    int shift = penetrate ? -1 : 0;
    Pmf nextExplode = part(face, faces, mods, true, score, shift);
    Pmf nextStop = part(face, faces, mods, false, score, shift);
    Pmf acc = firstStop;
    Pmf running = firstExplode;
    while (running.mass() > cut) {
      acc = Pmf.mixture(new Pmf[] {acc, running.plus(nextStop, budget)}, new double[] {1, 1}, budget);
      running = running.plus(nextExplode, budget);
    }
    if (running.mass() > 0) truncated = true;
    return acc;
  }

  /** The sub-distribution of faces that do (or do not) explode, mapped to what they count. */
  private Pmf part(Pmf face, Faces faces, DiceMods mods, boolean exploding, java.util.function.DoubleUnaryOperator score, int shift) {
    Map<Double, Double> m = new HashMap<>();
    for (int i = 0; i < face.size(); i++) {
      int v = (int) face.values[i];
      if (mods.explodes(v, faces) == exploding) m.merge(score.applyAsDouble(v + shift), face.probs[i], Double::sum);
    }
    if (m.isEmpty()) return new Pmf(new double[] {0}, new double[] {0});
    return Pmf.of(m, budget);
  }

  /** What one counted die adds: its value, or its successes minus failures. */
  static double score(double v, DiceMods mods) {
    if (!mods.countsSuccesses()) return v;
    double s = 0;
    if (mods.doubleSuccess.length > 0 && Compare.any(mods.doubleSuccess, v)) s = 2;
    else if (Compare.any(mods.success, v)) s = 1;
    if (Compare.any(mods.failure, v)) s -= 1;
    return s;
  }

  /** Ranks (ascending, 0-based, end exclusive) of the dice that survive the keep/drop steps. */
  static int[] keptRange(int n, KeepDrop[] steps) {
    int lo = 0;
    int hi = n;
    for (KeepDrop kd : steps) {
      int c = kd.count();
      if (kd.keep() && kd.highest()) lo = Math.max(lo, hi - c);
      else if (kd.keep()) hi = Math.min(hi, lo + c);
      else if (kd.highest()) hi = Math.max(lo, hi - c);
      else lo = Math.min(hi, lo + c);
    }
    return new int[] {lo, hi};
  }
}
