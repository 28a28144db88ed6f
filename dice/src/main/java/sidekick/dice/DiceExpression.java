package sidekick.dice;

import sidekick.dice.eval.Node;
import sidekick.dice.eval.RollContext;
import sidekick.dice.stats.DistributionBuilder;

/**
 * A parsed dice expression: parse once ({@link Dice#parse}), roll many times. Immutable and
 * thread-safe; every roll has its own state.
 */
public final class DiceExpression {
  private final String text;
  private final String comment;
  private final Node root;
  private final DiceLimits limits;
  private final Dice engine;

  /** Built by the engine's parser; not meant to be called by users. */
  public DiceExpression(String text, String comment, Node root, DiceLimits limits, Dice engine) {
    this.text = text;
    this.comment = comment;
    this.root = root;
    this.limits = limits;
    this.engine = engine;
  }

  /** The expression as written, without the trailing comment. */
  public String text() {
    return text;
  }

  /** The trailing {@code # comment}, trimmed, or "". */
  public String comment() {
    return comment;
  }

  /** The evaluation tree (for the engine's own packages). */
  public Node root() {
    return root;
  }

  /** True when the expression rolls at least one die with two or more sides. */
  public boolean hasRealDie() {
    return root.hasRealDie();
  }

  /** Rolls with a fresh generator seeded from a secure source; {@code $name} is an error. */
  public RollResult roll() {
    return roll(RandomSource.perRoll(), SavedRolls.NONE);
  }

  public RollResult roll(RandomSource random) {
    return roll(random, SavedRolls.NONE);
  }

  /**
   * Rolls with the given random source, resolving {@code $name} through {@code saved}.
   *
   * @throws DiceException for anything wrong found while rolling (too many dice, division by
   *     zero, an unknown or cyclic saved roll, ...)
   */
  public RollResult roll(RandomSource random, SavedRolls saved) {
    RollContext ctx = new RollContext(random, saved, limits, engine);
    return new RollResult(text, comment, ctx.evaluate(root));
  }

  /**
   * The exact probability distribution of the total (see {@link Distribution#exact()}); {@code
   * $name} is an error (no saved rolls).
   *
   * @throws DiceException when the expression cannot be analysed (the message says why: too many
   *     possible totals, too much work, or a mechanic without exact odds)
   */
  public Distribution distribution() {
    return distribution(SavedRolls.NONE);
  }

  /**
   * The exact distribution, resolving {@code $name} through {@code saved} as {@link #roll(RandomSource,
   * SavedRolls)} does (a cycle or an unknown name is a {@link DiceException}).
   */
  public Distribution distribution(SavedRolls saved) {
    return new DistributionBuilder(limits, saved, engine == null ? null : engine::parse).build(root);
  }

  @Override
  public String toString() {
    return text;
  }
}
