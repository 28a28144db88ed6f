package sidekick.dice.eval;

import java.util.ArrayList;
import java.util.List;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Style;

/** What evaluating one node produced: its value, how to show it, and the dice behind it. */
public abstract class Outcome {
  /** The numeric value. */
  public abstract double value();

  /** Appends this part of the rendering (without the final {@code = total}). */
  public abstract void render(StringBuilder out, Style style);

  /** Adds every die of this part, in order. */
  public abstract void collectDice(List<DieRoll> into);

  /** True when the rendering already shows the result and {@code = total} would be noise. */
  public boolean showsOwnTotal() {
    return false;
  }

  public final List<DieRoll> dice() {
    List<DieRoll> list = new ArrayList<>();
    collectDice(list);
    return List.copyOf(list);
  }
}
