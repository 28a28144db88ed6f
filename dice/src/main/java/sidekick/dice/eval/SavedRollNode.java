package sidekick.dice.eval;

import java.util.List;
import sidekick.dice.DiceException;
import sidekick.dice.DiceExpression;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Style;

/** {@code $name}: the saved roll's expression, looked up and parsed when rolled. */
public final class SavedRollNode extends Node {
  private final String name;

  public SavedRollNode(int position, String name) {
    super(position);
    this.name = name;
  }

  public String name() {
    return name;
  }

  @Override
  public boolean hasRealDie() {
    return true; // unknown until rolled; a saved roll is meant to roll
  }

  @Override
  public Outcome eval(RollContext ctx) {
    String text =
        ctx.saved.lookup(name).orElseThrow(() -> new DiceException("there is no saved roll named $" + name, position()));
    ctx.enterSaved(name, position());
    try {
      DiceExpression expr;
      try {
        expr = ctx.engine.parse(text);
      } catch (DiceException e) {
        throw new DiceException("saved roll $" + name + " is not a valid expression: " + e.getMessage(), position());
      }
      Outcome in;
      try {
        in = ctx.evaluateNested(expr.root());
      } catch (DiceException e) {
        String m = e.getMessage();
        throw new DiceException(m.startsWith("in $") || m.contains("refers to itself") ? m : "in $" + name + ": " + m, position());
      }
      return new Outcome() {
        @Override
        public double value() {
          return in.value();
        }

        @Override
        public void render(StringBuilder out, Style style) {
          out.append('$').append(name).append(" (");
          in.render(out, style);
          out.append(')');
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
          return in.revalue();
        }
      };
    } finally {
      ctx.leaveSaved();
    }
  }
}
