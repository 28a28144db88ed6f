package sidekick.dice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact distribution of what the roller does, found without the odds code: every sequence of
 * random numbers the roller can ask for is replayed, depth first, and each total weighed by the
 * product of 1/bound. Paths asking for more than {@code maxCalls} numbers are left out (their mass
 * is {@link #leftOut}), so unbounded mechanics can be checked up to a known error.
 */
final class Enumerated {
  final Map<Double, Double> pmf = new TreeMap<>();
  double leftOut;
  double errors;

  private static final class TooDeep extends RuntimeException {
    TooDeep() {
      super(null, null, false, false);
    }
  }

  /** Replays a planned prefix of choices, then takes 0 for every further call, recording bounds. */
  private static final class Replay implements RandomSource {
    final List<Integer> choices;
    final List<Integer> bounds = new ArrayList<>();
    final int maxCalls;
    double probability = 1;

    Replay(List<Integer> prefix, int maxCalls) {
      this.choices = new ArrayList<>(prefix);
      this.maxCalls = maxCalls;
    }

    @Override
    public int nextInt(int bound) {
      int i = bounds.size();
      if (i >= maxCalls) throw new TooDeep();
      bounds.add(bound);
      probability /= bound;
      if (i == choices.size()) choices.add(0);
      return choices.get(i);
    }
  }

  static Enumerated of(String expr, int maxCalls) {
    return of(new Dice().parse(expr), SavedRolls.NONE, maxCalls);
  }

  static Enumerated of(DiceExpression e, SavedRolls saved, int maxCalls) {
    Enumerated out = new Enumerated();
    List<Integer> prefix = new ArrayList<>();
    while (true) {
      Replay r = new Replay(prefix, maxCalls);
      try {
        out.pmf.merge(e.roll(r, saved).total() + 0.0, r.probability, Double::sum);
      } catch (TooDeep deep) {
        out.leftOut += r.probability;
      } catch (DiceException err) {
        out.errors += r.probability;
      }
      // next path: bump the last choice that has room, dropping everything after it
      List<Integer> taken = r.choices.subList(0, r.bounds.size());
      int k = taken.size() - 1;
      while (k >= 0 && taken.get(k) + 1 >= r.bounds.get(k)) k--;
      if (k < 0) return out;
      prefix = new ArrayList<>(taken.subList(0, k + 1));
      prefix.set(k, prefix.get(k) + 1);
    }
  }
}
