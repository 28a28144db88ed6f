package sidekick.dice.stats;

import sidekick.dice.DiceException;
import sidekick.dice.eval.BinaryNode;
import sidekick.dice.eval.DiceMods;
import sidekick.dice.eval.DiceNode;
import sidekick.dice.eval.Faces;
import sidekick.dice.eval.FunctionNode;
import sidekick.dice.eval.GroupNode;
import sidekick.dice.eval.Node;
import sidekick.dice.eval.NumberNode;
import sidekick.dice.eval.RepeatNode;
import sidekick.dice.eval.SavedRollNode;
import sidekick.dice.eval.WrapNode;

/**
 * Exact odds of a single-member group that keeps or drops individual dice ({@code {4d6+3d8}k4},
 * {@code {2d20-1d4}kh2}): the member is taken apart into a pool of dice, each with the factor its
 * term is added with (a sum or difference of dice terms, scaled by constants), plus parts keep/drop
 * cannot touch (numbers, dice that decide a count, groups with modifiers of their own). The kept
 * dice's total is then worked out by order statistics over the whole pool.
 */
final class GroupDiceOdds {
  private final DistributionBuilder b;
  private DicePool pool = DicePool.of();
  private Pmf rest = Pmf.constant(0);

  GroupDiceOdds(DistributionBuilder b) {
    this.b = b;
  }

  Pmf of(GroupNode g) {
    split(g.members().get(0), 1);
    Pmf total = b.dice().kept(pool, g.mods().keepDrop).plus(rest, b.budget());
    DiceMods mods = g.mods();
    return mods.countsSuccesses() ? total.map(v -> DiceTerms.score(v, mods), b.budget()) : total;
  }

  /** Adds {@code factor} times the node to the pool (its dice) and to the rest (everything else). */
  private void split(Node node, double factor) {
    if (!keepable(node)) {
      rest = rest.plus(b.pmf(node).map(v -> factor * v + 0.0, b.budget()), b.budget());
      return;
    }
    if (node instanceof WrapNode) {
      WrapNode w = (WrapNode) node;
      split(w.inner(), w.kind() == WrapNode.Kind.NEGATE ? -factor : factor);
    } else if (node instanceof BinaryNode) {
      binary((BinaryNode) node, factor);
    } else if (node instanceof DiceNode) {
      diceTerm((DiceNode) node, factor);
    } else if (node instanceof GroupNode) {
      for (Node m : ((GroupNode) node).members()) split(m, factor); // no modifiers, else not keepable
    } else if (node instanceof SavedRollNode) {
      b.saved().within((SavedRollNode) node, tree -> {
        split(tree, factor);
        return null;
      });
    } else if (node instanceof RepeatNode) {
      RepeatNode r = (RepeatNode) node;
      double times = constant(r.times(), "a repeat count that is rolled");
      int n = RepeatNode.count(times, b.limits().maxRepeat(), r.times().position());
      for (int i = 0; i < n; i++) split(r.body(), factor);
    } else {
      throw nonlinear(node);
    }
  }

  private void binary(BinaryNode op, double factor) {
    switch (op.op()) {
      case ADD:
        split(op.left(), factor);
        split(op.right(), factor);
        return;
      case SUBTRACT:
        split(op.left(), factor);
        split(op.right(), -factor);
        return;
      case MULTIPLY:
        if (!keepable(op.left())) {
          split(op.right(), factor * constant(op.left(), null));
          return;
        }
        if (!keepable(op.right())) {
          split(op.left(), factor * constant(op.right(), null));
          return;
        }
        throw nonlinear(op);
      case DIVIDE:
        if (!keepable(op.right())) {
          double by = constant(op.right(), null);
          if (by == 0) throw new DiceException("division by zero", op.position());
          split(op.left(), factor / by);
          return;
        }
        throw nonlinear(op);
      default:
        throw nonlinear(op);
    }
  }

  private void diceTerm(DiceNode d, double factor) {
    DiceMods mods = d.mods();
    if (mods.keepDrop.length > 0 || mods.unique) {
      throw new DiceException("exact odds are not available when a group keeps or drops dice of a term that "
          + (mods.unique ? "is unique (u)" : "keeps or drops dice itself"), d.position());
    }
    Pmf counts = d.countExpr() == null ? Pmf.constant(d.count()) : b.pmf(d.countExpr());
    Pmf sides = d.sidesExpr() == null ? null : b.pmf(d.sidesExpr());
    DicePool term = new DicePool();
    for (int i = 0; i < counts.size(); i++) {
      long n = DiceTerms.count(counts.values[i], b.limits().maxDice(), d.position());
      for (int j = 0; j < (sides == null ? 1 : sides.size()); j++) {
        Faces f = sides == null ? d.faces() : Faces.numbered(DiceTerms.sides(sides.values[j], b.limits().maxSides(), d.sidesPosition()));
        double w = counts.probs[i] * (sides == null ? 1 : sides.probs[j]);
        mods.checkCanStop(f, n, d.position());
        DicePool one = b.dice().pool(f, n, mods, v -> factor * DiceTerms.score(v, mods));
        for (int k = 0; k < one.size(); k++) term.add(one.branches.get(k), w * one.weights.get(k));
        term.truncated |= one.truncated;
      }
    }
    pool = pool.with(term, b.budget());
  }

  /** The value of a part without dice keep/drop could drop, which must be a single number here. */
  private double constant(Node node, String what) {
    Pmf p = b.pmf(node);
    if (p.size() != 1 || p.lo != p.hi) {
      throw new DiceException("exact odds for a group that keeps or drops dice need " + (what != null ? "a fixed count, not " + what
          : "dice multiplied or divided by fixed numbers only"), node.position());
    }
    return p.values[0];
  }

  private static DiceException nonlinear(Node node) {
    return new DiceException("exact odds for a group that keeps or drops dice handle sums and differences of dice terms"
        + " (times fixed numbers); not dice inside functions, powers, modulo or dice multiplied by dice", node.position());
  }

  /** Whether the node holds dice the group's keep/drop may drop (mirrors the roller's collectKeepable). */
  private boolean keepable(Node node) {
    if (node instanceof DiceNode) return true;
    if (node instanceof NumberNode) return false;
    if (node instanceof WrapNode) return keepable(((WrapNode) node).inner());
    if (node instanceof BinaryNode) return keepable(((BinaryNode) node).left()) || keepable(((BinaryNode) node).right());
    if (node instanceof FunctionNode) return ((FunctionNode) node).args().stream().anyMatch(this::keepable);
    if (node instanceof RepeatNode) return keepable(((RepeatNode) node).body());
    if (node instanceof GroupNode) {
      GroupNode g = (GroupNode) node;
      return g.mods().isEmpty() && g.members().stream().anyMatch(this::keepable);
    }
    if (node instanceof SavedRollNode) return b.saved().within((SavedRollNode) node, this::keepable);
    return false;
  }
}
