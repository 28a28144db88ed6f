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

  /**
   * Adds the dice a single-member group's keep/drop may drop ({@code {4d6+3d8}k4}), in rolling
   * order: the dice of dice terms, through arithmetic, functions, repeats and saved rolls; not the
   * dice that decide a count or sides, nor those inside a group with modifiers of its own.
   */
  void collectKeepable(List<KeepableDie> into) {}

  /** The value again, after a surrounding group's keep/drop dropped some of this part's dice. */
  double revalue() {
    return value();
  }

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
