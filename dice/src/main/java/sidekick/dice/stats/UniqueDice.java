package sidekick.dice.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sidekick.dice.DiceException;
import sidekick.dice.eval.DiceMods;
import sidekick.dice.eval.Faces;

/**
 * Exact odds of unique dice ({@code 4d6u}, {@code 5d10uo}, {@code 6d8u>4}), following the roller:
 * the dice are rolled, then in order each die whose face the unique compare point covers and that
 * an earlier die already shows is rerolled (min/max apply to the new face, {@code r} does not),
 * until it is new ({@code u}) or once ({@code uo}).
 *
 * <p>Plain {@code NdMu} (every face covered, no clamps or rerolls) is a uniformly random set of n
 * distinct faces: counted by dynamic programming over the faces, any size. Everything else is
 * enumerated die by die over the set of faces seen so far, which can grow fast; past {@link
 * #MAX_STATES} states the odds are refused with a clear error.
 */
final class UniqueDice {
  /** States (faces seen so far, and the running score or the faces kept) the enumeration may hold. */
  static final int MAX_STATES = 20_000;

  private UniqueDice() {}

  static Pmf term(Faces faces, int n, DiceMods mods, int position, Budget budget) {
    mods.checkCanStop(faces, n, position);
    if (mods.explode != DiceMods.Explode.NONE) {
      throw new DiceException("exact odds are not available for unique dice that also explode", position);
    }
    boolean plain = !mods.uniqueOnce && mods.uniqueOn == null && mods.clampMin == null && mods.clampMax == null
        && mods.reroll.length == 0 && !faces.fudge();
    return plain ? distinctSubset(faces.sides(), n, mods, budget) : enumerate(faces, n, mods, position, budget);
  }

  /** n distinct faces of 1..m, every set equally likely: count sets by kept score. */
  private static Pmf distinctSubset(int m, int n, DiceMods mods, Budget budget) {
    int[] range = DiceTerms.keptRange(n, mods.keepDrop);
    // dp[k]: score -> number of ways (scaled) with k faces chosen so far, faces ascending
    @SuppressWarnings("unchecked")
    Map<Double, Double>[] dp = new Map[n + 1];
    dp[0] = new HashMap<>(Map.of(0.0, 1.0));
    double logSets = logChoose(m, n);
    for (int face = 1; face <= m; face++) {
      for (int k = Math.min(n, face) - 1; k >= 0; k--) {
        if (dp[k] == null) continue;
        double add = k >= range[0] && k < range[1] ? DiceTerms.score(face, mods) : 0;
        budget.mapWork(dp[k].size());
        Map<Double, Double> to = dp[k + 1] == null ? (dp[k + 1] = new HashMap<>()) : dp[k + 1];
        for (Map.Entry<Double, Double> e : dp[k].entrySet()) to.merge(e.getKey() + add + 0.0, e.getValue(), Double::sum);
        budget.support(to.size());
      }
    }
    Map<Double, Double> out = new HashMap<>();
    // ways can exceed a double for huge m; scale each count by 1/C(m, n) in logs
    for (Map.Entry<Double, Double> e : dp[n].entrySet()) out.put(e.getKey(), Math.exp(Math.log(e.getValue()) - logSets));
    return Pmf.of(out, budget);
  }

  private static double logChoose(int m, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += Math.log(m - i) - Math.log(i + 1);
    return s;
  }

  /** A state of the enumeration: faces seen (bit per distinct face), score so far or faces kept. */
  private record State(long seen, double score, List<Double> shown) {}

  private static Pmf enumerate(Faces faces, int n, DiceMods mods, int position, Budget budget) {
    try {
      return enumerateStates(faces, n, mods, position, budget);
    } catch (DiceException e) {
      if (!e.getMessage().startsWith("this expression is too complex")) throw e;
      throw new DiceException("exact odds for these unique dice need too much work (every set of faces seen so far is"
          + " followed); try fewer dice or faces", position);
    }
  }

  private static Pmf enumerateStates(Faces faces, int n, DiceMods mods, int position, Budget budget) {
    Pmf first = DiceTerms.faceAfterRerolls(faces, mods, budget);
    Pmf again = DiceTerms.clampedFace(faces, mods, budget);
    double[] distinct = again.values;
    if (distinct.length > 63 || first.size() > 63) {
      throw new DiceException("exact odds for unique dice handle at most 63 distinct faces this way", position);
    }
    boolean keepsDice = mods.keepDrop.length > 0;
    Map<State, Double> states = new HashMap<>();
    states.put(new State(0, 0, List.of()), 1.0);
    for (int die = 0; die < n; die++) {
      Map<State, Double> next = new HashMap<>();
      for (Map.Entry<State, Double> e : states.entrySet()) {
        State s = e.getKey();
        for (int i = 0; i < first.size(); i++) {
          double v = first.values[i];
          double p = e.getValue() * first.probs[i];
          if (!covered(v, mods) || !seen(s.seen, v, distinct)) {
            settle(next, s, v, p, covered(v, mods), mods, distinct, keepsDice);
            continue;
          }
          if (mods.uniqueOnce) {
            for (int j = 0; j < again.size(); j++) settle(next, s, again.values[j], p * again.probs[j], true, mods, distinct, keepsDice);
            continue;
          }
          // rerolled until new: the new face, given it is not among those seen
          double fresh = 0;
          for (int j = 0; j < again.size(); j++) if (!seen(s.seen, again.values[j], distinct)) fresh += again.probs[j];
          if (fresh == 0) {
            throw new DiceException("these unique dice can run out of new faces (every face is already shown), so the roll could never stop", position);
          }
          for (int j = 0; j < again.size(); j++) {
            if (!seen(s.seen, again.values[j], distinct)) {
              settle(next, s, again.values[j], p * again.probs[j] / fresh, true, mods, distinct, keepsDice);
            }
          }
        }
        budget.mapWork(first.size() * (long) again.size());
      }
      if (next.size() > MAX_STATES) {
        throw new DiceException("exact odds for these unique dice need more than " + MAX_STATES
            + " states (faces seen so far); try fewer dice or faces", position);
      }
      states = next;
    }
    int[] range = DiceTerms.keptRange(n, mods.keepDrop);
    Map<Double, Double> out = new HashMap<>();
    for (Map.Entry<State, Double> e : states.entrySet()) {
      double total = e.getKey().score;
      if (keepsDice) {
        List<Double> shown = e.getKey().shown;
        total = 0;
        for (int r = range[0]; r < range[1]; r++) total += DiceTerms.score(shown.get(r), mods);
      }
      out.merge(total + 0.0, e.getValue(), Double::sum);
    }
    return Pmf.of(out, budget);
  }

  /** The roller marks a covered die's final face as seen (even one rerolled onto an uncovered face). */
  private static void settle(Map<State, Double> next, State s, double v, double p, boolean markSeen, DiceMods mods,
      double[] distinct, boolean keepsDice) {
    if (p == 0) return;
    long seen = markSeen ? s.seen | bit(v, distinct) : s.seen;
    State to;
    if (keepsDice) {
      List<Double> shown = new ArrayList<>(s.shown.size() + 1);
      shown.addAll(s.shown);
      int at = java.util.Collections.binarySearch(shown, v);
      shown.add(at < 0 ? -at - 1 : at, v);
      to = new State(seen, 0, List.copyOf(shown));
    } else {
      to = new State(seen, s.score + DiceTerms.score(v, mods), List.of());
    }
    next.merge(to, p, Double::sum);
  }

  private static boolean covered(double v, DiceMods mods) {
    return mods.uniqueOn == null || mods.uniqueOn.matches(v);
  }

  private static boolean seen(long seen, double v, double[] distinct) {
    return (seen & bit(v, distinct)) != 0;
  }

  private static long bit(double v, double[] distinct) {
    int i = Arrays.binarySearch(distinct, v);
    return i < 0 ? 0 : 1L << i;
  }

}
