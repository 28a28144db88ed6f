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
    if (mods.unique) return UniqueDice.term(faces, (int) n, mods, position, budget);
    mods.checkCanStop(faces, n, position);
    if (mods.keepDrop.length > 0) {
      DicePool pool = pool(faces, n, mods, v -> score(v, mods));
      return kept(pool, mods.keepDrop);
    }
    Pmf face = faceAfterRerolls(faces, mods);
    double chainCut = Distribution.CUT_OFF / (100.0 * n);
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

  /**
   * The dice of one term as keep/drop sees them: each die with its shown value. Exploding and
   * penetrating dice add dice of their own, so the pool is a mixture over how many exploded.
   */
  DicePool pool(Faces faces, long n, DiceMods mods, java.util.function.DoubleUnaryOperator score) {
    mods.checkCanStop(faces, n, -1);
    Pmf face = faceAfterRerolls(faces, mods);
    int count = (int) n;
    switch (mods.explode) {
      case NONE:
        return DicePool.of(new DiceKind(face, count, score));
      case COMPOUND:
        return DicePool.of(new DiceKind(chain(face, faces, mods, Distribution.CUT_OFF / (100.0 * n), v -> v, false), count, score));
      default:
        return ExplodingPool.of(face, v -> mods.explodes((int) v, faces), count,
            mods.explode == DiceMods.Explode.PENETRATE, score, Distribution.CUT_OFF / 100, budget, this::markTruncated);
    }
  }

  /** Keep/drop over a pool: the kept dice's score, branch by branch. */
  Pmf kept(DicePool pool, KeepDrop[] steps) {
    if (pool.truncated) truncated = true;
    Pmf[] parts = new Pmf[pool.size()];
    double[] w = new double[pool.size()];
    for (int i = 0; i < pool.size(); i++) {
      DiceKind[] kinds = pool.branches.get(i);
      parts[i] = OrderStatistics.keptScore(kinds, keptRange(DicePool.dice(kinds), steps), budget);
      w[i] = pool.weights.get(i);
    }
    Pmf out = parts.length == 1 ? parts[0].scaled(w[0]) : Pmf.mixture(parts, w, budget);
    if (!pool.truncated) return out;
    // Cut-off branches had more dice: if keep/drop then keeps more of them, the bound is infinite.
    int most = 0;
    double lowest = 0;
    double highest = 0;
    for (DiceKind[] kinds : pool.branches) {
      most = Math.max(most, DicePool.dice(kinds));
      for (DiceKind k : kinds) {
        lowest = Math.min(lowest, k.score().applyAsDouble(k.die().lo));
        highest = Math.max(highest, k.score().applyAsDouble(k.die().hi));
      }
    }
    int[] now = keptRange(most, steps);
    int[] more = keptRange(most + 1, steps);
    boolean grows = more[1] - more[0] > now[1] - now[0];
    return out.withBounds(grows && lowest < 0 ? Double.NEGATIVE_INFINITY : out.lo,
        grows && highest > 0 ? Double.POSITIVE_INFINITY : out.hi);
  }

  void markTruncated() {
    truncated = true;
  }

  private Pmf faceAfterRerolls(Faces faces, DiceMods mods) {
    return faceAfterRerolls(faces, mods, budget);
  }

  /** The face after min/max clamps. */
  static Pmf clampedFace(Faces faces, DiceMods mods, Budget budget) {
    Map<Double, Double> m = new HashMap<>();
    for (int i = 0; i < faces.distinct(); i++) m.merge((double) mods.clamp(faces.face(i)), faces.probability(i), Double::sum);
    return Pmf.of(m, budget);
  }

  /** The face after min/max clamps and rerolls ({@code r}: until no match; {@code ro}: once). */
  static Pmf faceAfterRerolls(Faces faces, DiceMods mods, Budget budget) {
    Pmf base = clampedFace(faces, mods, budget);
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
    if (running.mass() > 0) {
      truncated = true;
      // what was cut off could have gone on exploding: the bound in that direction is infinite
      double lo = nextExplode.lo < 0 ? Double.NEGATIVE_INFINITY : acc.lo;
      double hi = nextExplode.hi > 0 ? Double.POSITIVE_INFINITY : acc.hi;
      return acc.withBounds(lo, hi);
    }
    return acc;
  }

  /** The sub-distribution of faces that do (or do not) explode, mapped to what they count. */
  private Pmf part(Pmf face, Faces faces, DiceMods mods, boolean exploding, java.util.function.DoubleUnaryOperator score, int shift) {
    Map<Double, Double> m = new HashMap<>();
    for (int i = 0; i < face.size(); i++) {
      int v = (int) face.values[i];
      if (mods.explodes(v, faces) == exploding) m.merge(score.applyAsDouble(v + shift), face.probs[i], Double::sum);
    }
    if (m.isEmpty()) return Pmf.empty();
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
