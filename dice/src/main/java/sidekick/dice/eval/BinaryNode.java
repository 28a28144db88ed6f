package sidekick.dice.eval;

import java.util.List;
import sidekick.dice.DiceException;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Style;

/** {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}, {@code a % b}, {@code a ^ b} ({@code **}). */
public final class BinaryNode extends Node {
  public enum Op { ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, POWER }

  private final Op op;
  private final String symbol;
  private final Node left;
  private final Node right;

  /** {@code position} is the operator's, so errors such as division by zero point at it. */
  public BinaryNode(int position, Op op, String symbol, Node left, Node right) {
    super(position);
    this.op = op;
    this.symbol = symbol;
    this.left = left;
    this.right = right;
  }

  public Op op() {
    return op;
  }

  public Node left() {
    return left;
  }

  public Node right() {
    return right;
  }

  @Override
  public boolean hasRealDie() {
    return left.hasRealDie() || right.hasRealDie();
  }

  @Override
  public Outcome eval(RollContext ctx) {
    Outcome a = left.eval(ctx);
    Outcome b = right.eval(ctx);
    return new BinaryOutcome(a, b, apply(op, a.value(), b.value(), position()));
  }

  /** The arithmetic itself, shared with the distribution builder. */
  public static double apply(Op op, double x, double y, int position) {
    double r;
    switch (op) {
      case ADD: r = x + y; break;
      case SUBTRACT: r = x - y; break;
      case MULTIPLY: r = x * y; break;
      case DIVIDE:
        if (y == 0) throw new DiceException("division by zero", position);
        r = x / y;
        break;
      case MODULO:
        if (y == 0) throw new DiceException("modulo by zero", position);
        r = x % y;
        break;
      default:
        r = Math.pow(x, y);
    }
    return Values.finite(r, position);
  }

  private final class BinaryOutcome extends Outcome {
    private final Outcome a;
    private final Outcome b;
    private double value;

    BinaryOutcome(Outcome a, Outcome b, double value) {
      this.a = a;
      this.b = b;
      this.value = value;
    }

    @Override
    public double value() {
      return value;
    }

    @Override
    public void render(StringBuilder out, Style style) {
      a.render(out, style);
      out.append(' ');
      if (symbol.length() == 1) out.append(symbol.charAt(0)); // all but **: a char, not a string copy
      else out.append(symbol);
      out.append(' ');
      b.render(out, style);
    }

    @Override
    public void collectDice(List<DieRoll> into) {
      a.collectDice(into);
      b.collectDice(into);
    }

    @Override
    void collectKeepable(List<KeepableDie> into) {
      a.collectKeepable(into);
      b.collectKeepable(into);
    }

    /** Also remembered, so a repeat shows each roll's total as the group left it. */
    @Override
    double revalue() {
      value = apply(op, a.revalue(), b.revalue(), position());
      return value;
    }
  }
}
