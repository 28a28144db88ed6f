package sidekick.dice.eval;

/**
 * One node of a compiled expression tree. Immutable; {@link #eval} keeps all per-roll state in the
 * {@link RollContext}, so one tree is rolled by many threads at once.
 */
public abstract class Node {
  private final int position;

  protected Node(int position) {
    this.position = position;
  }

  /** 0-based index of this node's first character in the expression text. */
  public final int position() {
    return position;
  }

  public abstract Outcome eval(RollContext ctx);

  /** True when evaluating this node rolls a die with 2 or more sides (or may: {@code $name}). */
  public abstract boolean hasRealDie();
}
