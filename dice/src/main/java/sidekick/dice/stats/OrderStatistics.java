package sidekick.dice.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * The distribution of what the kept dice of a pool add up to, when the kept dice are those of
 * ranks [lo, hi) in ascending order ({@code 4d6kh3}: ranks 1..3 of 0..3). Dynamic programming over
 * the values in ascending order: how many dice of each kind showed each value (multinomial
 * weights, kind by kind), and the running score of the kept ones. Among equal values, dice of an
 * earlier kind rank lower, as the roller breaks ties ({@link sidekick.dice.eval.KeepDrop}).
 */
final class OrderStatistics {
  /** Work units one transition costs besides its adds (an exp, index arithmetic): keeps the budget a bound on time. */
  static final int MOVE_COST = 25;

  private OrderStatistics() {}

  static Pmf keptScore(DiceKind[] kinds, int[] range, Budget budget) {
    Pmf kept = wholeScores(kinds) ? dense(kinds, range, budget) : sparse(kinds, range, budget);
    return kinds.length == 1 ? oneKindBounds(kept, kinds[0], range[1] - range[0]) : kept;
  }

  /** The transitions both forms share: for each value ascending, each kind in order, m more dice. */
  private interface Step {
    /** Moves the mass of {@code state} to {@code to}, adding {@code add} to its score, times {@code w}. */
    void move(int state, int to, double add, double w);
  }

  private static void walk(DiceKind[] kinds, int[] range, int[] stride, Runnable startLayer, Step step,
      java.util.function.IntPredicate live, Runnable endLayer) {
    int lo = range[0];
    int hi = range[1];
    int n = DicePool.dice(kinds);
    double[] logFact = new double[n + 1];
    for (int i = 1; i <= n; i++) logFact[i] = logFact[i - 1] + Math.log(i);
    int states = stride[kinds.length];
    for (double v : allValues(kinds)) {
      for (int k = 0; k < kinds.length; k++) {
        DiceKind kind = kinds[k];
        double q = probabilityOf(kind.die(), v);
        if (q <= 0 || kind.count() == 0) continue;
        double s = kind.score().applyAsDouble(v);
        double logQ = Math.log(q);
        startLayer.run();
        for (int state = 0; state < states; state++) {
          if (!live.test(state)) continue;
          int placed = (state / stride[k]) % (kind.count() + 1);
          int placedAll = placedTotal(state, kinds, stride);
          int left = kind.count() - placed;
          for (int m = 0; m <= left; m++) {
            double w = Math.exp(logFact[left] - logFact[m] - logFact[left - m] + m * logQ);
            if (w == 0 && m > 0) break;
            int kept = Math.max(0, Math.min(placedAll + m, hi) - Math.max(placedAll, lo));
            step.move(state, state + m * stride[k], kept * s, w);
          }
        }
        endLayer.run();
      }
    }
  }

  private static int[] strides(DiceKind[] kinds, Budget budget) {
    int[] stride = new int[kinds.length + 1];
    long states = 1;
    for (int k = 0; k < kinds.length; k++) {
      stride[k] = (int) states;
      states *= kinds[k].count() + 1;
      budget.work(states);
    }
    stride[kinds.length] = (int) states;
    return stride;
  }

  /** Whole-number scores: each state's scores in a dense array (no boxing), work charged per add. */
  private static Pmf dense(DiceKind[] kinds, int[] range, Budget budget) {
    int[] stride = strides(kinds, budget);
    int states = stride[kinds.length];
    long keptDice = range[1] - range[0];
    long minScore = 0;
    long maxScore = 0;
    for (DiceKind k : kinds) {
      for (int i = 0; i < k.die().size(); i++) {
        long s = (long) k.score().applyAsDouble(k.die().values[i]);
        minScore = Math.min(minScore, s * keptDice);
        maxScore = Math.max(maxScore, s * keptDice);
      }
    }
    long width = maxScore - minScore + 1;
    budget.support(width);
    budget.cells(width * states);
    budget.work(width * states);
    long base = minScore;
    double[][][] layers = {new double[states][], null};
    int[][] spans = {new int[states * 2], null}; // per state: first and last index with mass
    layers[0][0] = new double[(int) width];
    layers[0][0][(int) -base] = 1;
    spans[0][0] = (int) -base;
    spans[0][1] = (int) -base;
    walk(kinds, range, stride,
        () -> {
          layers[1] = new double[states][];
          spans[1] = new int[states * 2];
        },
        (state, to, add, w) -> {
          double[] from = layers[0][state];
          int a = spans[0][2 * state];
          int b = spans[0][2 * state + 1];
          budget.work(b - a + 1 + MOVE_COST);
          int shift = (int) add;
          double[] target = layers[1][to];
          if (target == null) {
            target = layers[1][to] = new double[(int) width];
            spans[1][2 * to] = a + shift;
            spans[1][2 * to + 1] = b + shift;
          } else {
            spans[1][2 * to] = Math.min(spans[1][2 * to], a + shift);
            spans[1][2 * to + 1] = Math.max(spans[1][2 * to + 1], b + shift);
          }
          for (int i = a; i <= b; i++) target[i + shift] += from[i] * w;
        },
        state -> layers[0][state] != null,
        () -> {
          layers[0] = layers[1];
          spans[0] = spans[1];
        });
    double[] done = layers[0][states - 1];
    if (done == null) return Pmf.empty();
    int a = spans[0][2 * (states - 1)];
    int b = spans[0][2 * (states - 1) + 1];
    return Pmf.dense(base + a, java.util.Arrays.copyOfRange(done, a, b + 1), base + a, base + b, budget);
  }

  /** Any scores (halves from {@code {3d6/2}k2}): maps from score to mass, charged as costlier work. */
  private static Pmf sparse(DiceKind[] kinds, int[] range, Budget budget) {
    int[] stride = strides(kinds, budget);
    int states = stride[kinds.length];
    @SuppressWarnings("unchecked")
    Map<Double, Double>[][] layers = new Map[][] {new Map[states], null};
    layers[0][0] = new HashMap<>();
    layers[0][0].put(0.0, 1.0);
    walk(kinds, range, stride,
        () -> layers[1] = new Map[states],
        (state, to, add, w) -> {
          Map<Double, Double> from = layers[0][state];
          budget.mapWork(from.size());
          budget.work(MOVE_COST);
          Map<Double, Double> target = layers[1][to] == null ? (layers[1][to] = new HashMap<>()) : layers[1][to];
          for (Map.Entry<Double, Double> e : from.entrySet()) target.merge(e.getKey() + add + 0.0, e.getValue() * w, Double::sum);
        },
        state -> layers[0][state] != null,
        () -> layers[0] = layers[1]);
    Map<Double, Double> done = layers[0][states - 1];
    return done == null ? Pmf.empty() : Pmf.of(done, budget);
  }

  private static boolean wholeScores(DiceKind[] kinds) {
    for (DiceKind k : kinds) {
      for (int i = 0; i < k.die().size(); i++) {
        double s = k.score().applyAsDouble(k.die().values[i]);
        if (s != Math.rint(s) || Math.abs(s) > 1e6) return false;
      }
    }
    return true;
  }

  /**
   * One kind: c kept dice add at least c times the smallest score and at most c times the largest,
   * reached when every die shows that face (so an underflowed extreme still counts as possible).
   */
  private static Pmf oneKindBounds(Pmf kept, DiceKind kind, int c) {
    if (c == 0 || kept.isEmpty()) return kept;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    Pmf die = kind.die();
    double[] candidates = java.util.Arrays.copyOf(die.values, die.size() + 2);
    candidates[die.size()] = die.lo;
    candidates[die.size() + 1] = die.hi;
    for (double v : candidates) {
      double s = kind.score().applyAsDouble(v);
      if (Double.isNaN(s)) continue;
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    return kept.withBounds(c * min, c * max);
  }

  private static int placedTotal(int state, DiceKind[] kinds, int[] stride) {
    int total = 0;
    for (int k = 0; k < kinds.length; k++) total += (state / stride[k]) % (kinds[k].count() + 1);
    return total;
  }

  private static double[] allValues(DiceKind[] kinds) {
    java.util.TreeSet<Double> set = new java.util.TreeSet<>();
    for (DiceKind k : kinds) {
      if (k.count() == 0) continue;
      for (int i = 0; i < k.die().size(); i++) if (k.die().probs[i] > 0) set.add(k.die().values[i]);
    }
    double[] out = new double[set.size()];
    int i = 0;
    for (double v : set) out[i++] = v;
    return out;
  }

  private static double probabilityOf(Pmf die, double v) {
    int i = java.util.Arrays.binarySearch(die.values, v);
    return i >= 0 ? die.probs[i] : 0;
  }
}
