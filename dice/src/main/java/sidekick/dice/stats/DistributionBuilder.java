package sidekick.dice.stats;

import java.util.function.Function;
import sidekick.dice.DiceException;
import sidekick.dice.DiceExpression;
import sidekick.dice.SavedRolls;
import sidekick.dice.DiceLimits;
import sidekick.dice.Distribution;
import sidekick.dice.eval.BinaryNode;
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
 * Computes the exact distribution of an expression by walking its tree: convolution for sums,
 * pairwise combination for other arithmetic, order statistics for keep/drop, and a geometric series
 * for explosions, cut off once the mass left is negligible ({@link Distribution#exact()} false).
 * One builder per computation (it records whether a cut-off happened).
 */
public final class DistributionBuilder {
  private final DiceLimits limits;
  private final Budget budget;
  private final DiceTerms dice;
  private final SavedRollTrees saved;

  public DistributionBuilder(DiceLimits limits) {
    this(limits, SavedRolls.NONE, null);
  }

  /**
   * @param savedRolls where {@code $name} gets its expression, as when rolling
   * @param parser parses a saved roll's text (the engine's cached parse)
   */
  public DistributionBuilder(DiceLimits limits, SavedRolls savedRolls, Function<String, DiceExpression> parser) {
    this.limits = limits;
    this.budget = new Budget(limits.maxDistributionSupport());
    this.dice = new DiceTerms(budget);
    this.saved = new SavedRollTrees(savedRolls, parser, limits.maxSavedRollDepth());
  }

  DiceLimits limits() {
    return limits;
  }

  Budget budget() {
    return budget;
  }

  DiceTerms dice() {
    return dice;
  }

  SavedRollTrees saved() {
    return saved;
  }

  public Distribution build(Node root) {
    Pmf pmf = pmf(root);
    double mass = pmf.mass();
    double cut = dice.truncated() ? Math.max(0, 1 - mass) : 0;
    return new Distribution(pmf.values, pmf.probs, !dice.truncated(), cut, pmf.lo, pmf.hi);
  }

  Pmf pmf(Node node) {
    if (node instanceof NumberNode) return Pmf.constant(((NumberNode) node).value());
    if (node instanceof BinaryNode) return binary((BinaryNode) node);
    if (node instanceof WrapNode) {
      WrapNode w = (WrapNode) node;
      Pmf inner = pmf(w.inner());
      return w.kind() == WrapNode.Kind.NEGATE ? inner.map(x -> -x, budget) : inner;
    }
    if (node instanceof FunctionNode) return function((FunctionNode) node);
    if (node instanceof DiceNode) return diceTerm((DiceNode) node);
    if (node instanceof GroupNode) return group((GroupNode) node);
    if (node instanceof RepeatNode) return repeat((RepeatNode) node);
    if (node instanceof SavedRollNode) return saved.within((SavedRollNode) node, this::pmf);
    throw new DiceException("exact odds are not available for this expression", node.position());
  }

  private Pmf binary(BinaryNode b) {
    Pmf x = pmf(b.left());
    Pmf y = pmf(b.right());
    switch (b.op()) {
      case ADD:
        return x.plus(y, budget);
      case SUBTRACT:
        return x.plus(y.map(v -> -v, budget), budget);
      case DIVIDE:
      case MODULO:
        y.requireNoMassAt(0, (b.op() == BinaryNode.Op.DIVIDE ? "division" : "modulo") + " by zero is possible here", b.position());
        // fall through
      default:
        return x.combine(y, (p, q) -> BinaryNode.apply(b.op(), p, q, b.position()), budget);
    }
  }

  private Pmf function(FunctionNode f) {
    Pmf acc = null;
    for (Node arg : f.args()) {
      Pmf a = pmf(arg);
      if (acc == null) {
        acc = a;
      } else {
        acc = acc.combine(a, (p, q) -> FunctionNode.apply(f.fn(), new double[] {p, q}, f.position()), budget);
      }
    }
    if (f.args().size() == 1) {
      acc = acc.map(x -> FunctionNode.apply(f.fn(), new double[] {x}, f.position()), budget);
    }
    return acc;
  }

  private Pmf diceTerm(DiceNode d) {
    Pmf counts = d.countExpr() == null ? Pmf.constant(d.count()) : pmf(d.countExpr());
    Pmf sides = d.sidesExpr() == null ? null : pmf(d.sidesExpr());
    java.util.List<Pmf> parts = new java.util.ArrayList<>();
    java.util.List<Double> partWeights = new java.util.ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      long n = DiceTerms.count(counts.values[i], limits.maxDice(), d.position());
      if (sides == null) {
        parts.add(dice.term(d.faces(), n, d.mods(), d.position()));
        partWeights.add(counts.probs[i]);
        continue;
      }
      for (int j = 0; j < sides.size(); j++) {
        Faces f = Faces.numbered(DiceTerms.sides(sides.values[j], limits.maxSides(), d.sidesPosition()));
        parts.add(dice.term(f, n, d.mods(), d.position()));
        partWeights.add(counts.probs[i] * sides.probs[j]);
      }
    }
    if (parts.size() == 1) return parts.get(0).scaled(partWeights.get(0));
    double[] w = new double[partWeights.size()];
    for (int i = 0; i < w.length; i++) w[i] = partWeights.get(i);
    return Pmf.mixture(parts.toArray(new Pmf[0]), w, budget);
  }

  private Pmf group(GroupNode g) {
    if (g.keepsDice()) return new GroupDiceOdds(this).of(g);
    Pmf[] members = g.members().stream().map(this::pmf).toArray(Pmf[]::new);
    if (g.mods().isEmpty()) {
      Pmf acc = members[0];
      for (int i = 1; i < members.length; i++) acc = acc.plus(members[i], budget);
      return acc;
    }
    return GroupOdds.of(members, g.mods(), budget);
  }

  private Pmf repeat(RepeatNode r) {
    Pmf times = pmf(r.times());
    Pmf body = pmf(r.body());
    Pmf[] parts = new Pmf[times.size()];
    double[] w = new double[times.size()];
    for (int i = 0; i < times.size(); i++) {
      int n = RepeatNode.count(times.values[i], limits.maxRepeat(), r.times().position());
      parts[i] = body.times(n, budget);
      w[i] = times.probs[i];
    }
    return parts.length == 1 ? parts[0].scaled(w[0]) : Pmf.mixture(parts, w, budget);
  }
}
