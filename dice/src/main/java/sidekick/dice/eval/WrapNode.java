package sidekick.dice.eval;

import java.util.List;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Style;

/**
 * A node around one inner node that keeps its value or negates it, and adds text around its
 * rendering: parentheses {@code (…)}, unary minus, a label {@code 3d6 [fire]}.
 */
public final class WrapNode extends Node {
  public enum Kind { PARENS, NEGATE, PLUS, LABEL }

  private final Kind kind;
  private final Node inner;
  private final String label;

  public WrapNode(int position, Kind kind, Node inner, String label) {
    super(position);
    this.kind = kind;
    this.inner = inner;
    this.label = label;
  }

  public Kind kind() {
    return kind;
  }

  public Node inner() {
    return inner;
  }

  @Override
  public boolean hasRealDie() {
    return inner.hasRealDie();
  }

  @Override
  public Outcome eval(RollContext ctx) {
    Outcome in = inner.eval(ctx);
    return new Outcome() {
      @Override
      public double value() {
        return kind == Kind.NEGATE ? -in.value() : in.value();
      }

      @Override
      public void render(StringBuilder out, Style style) {
        switch (kind) {
          case PARENS:
            out.append('(');
            in.render(out, style);
            out.append(')');
            break;
          case NEGATE:
            out.append('-');
            in.render(out, style);
            break;
          case PLUS:
            out.append('+');
            in.render(out, style);
            break;
          default:
            in.render(out, style);
            out.append(" [").append(style.text(label)).append(']');
        }
      }

      @Override
      public void collectDice(List<DieRoll> into) {
        in.collectDice(into);
      }

      @Override
      void collectKeepable(List<KeepableDie> into) {
        in.collectKeepable(into);
      }

      @Override
      double revalue() {
        return kind == Kind.NEGATE ? -in.revalue() : in.revalue();
      }

      @Override
      public boolean showsOwnTotal() {
        return kind == Kind.PARENS ? false : in.showsOwnTotal();
      }
    };
  }
}
