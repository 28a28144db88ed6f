package sidekick.dice.eval;

import java.util.List;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Style;

/** A number as written: {@code 5}, {@code 2.5}. Its outcome is built once and shared. */
public final class NumberNode extends Node {
  private final double value;
  private final Outcome outcome;

  public NumberNode(int position, double value, String text) {
    super(position);
    this.value = value;
    this.outcome =
        new Outcome() {
          @Override
          public double value() {
            return value;
          }

          @Override
          public void render(StringBuilder out, Style style) {
            if (text.length() == 1) out.append(text.charAt(0)); // most numbers shown: a char, not a string copy
            else out.append(text);
          }

          @Override
          public void collectDice(List<DieRoll> into) {}
        };
  }

  public double value() {
    return value;
  }

  @Override
  public Outcome eval(RollContext ctx) {
    return outcome;
  }

  @Override
  public boolean hasRealDie() {
    return false;
  }
}
