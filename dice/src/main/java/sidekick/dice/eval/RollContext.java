package sidekick.dice.eval;

import java.util.ArrayDeque;
import sidekick.dice.Dice;
import sidekick.dice.DiceException;
import sidekick.dice.DiceLimits;
import sidekick.dice.RandomSource;
import sidekick.dice.SavedRolls;

/** The state of one roll: its random source, the dice budget, the saved rolls being resolved. */
public final class RollContext {
  final RandomSource random;
  final SavedRolls saved;
  final DiceLimits limits;
  final Dice engine;
  private int diceRolled;
  private ArrayDeque<String> resolving;

  public RollContext(RandomSource random, SavedRolls saved, DiceLimits limits, Dice engine) {
    this.random = random;
    this.saved = saved;
    this.limits = limits;
    this.engine = engine;
  }

  public Outcome evaluate(Node root) {
    Outcome outcome = root.eval(this);
    double v = outcome.value();
    if (Double.isNaN(v)) throw new DiceException("the result is not a number (square root of a negative?)");
    if (Double.isInfinite(v)) throw new DiceException("the result is too large to show");
    return outcome;
  }

  /** Evaluates a saved roll's tree inside this roll (same dice budget, same random source). */
  Outcome evaluateNested(Node root) {
    return root.eval(this);
  }

  public RandomSource random() {
    return random;
  }

  public DiceLimits limits() {
    return limits;
  }

  /** Counts {@code n} more dice against the limit; fails before rolling them if it would break. */
  public void reserveDice(long n, int position) {
    if (n > limits.maxDice() - (long) diceRolled) {
      throw new DiceException(
          "too many dice: this roll needs more than " + limits.maxDice() + " (counting rerolls and explosions)",
          position);
    }
    diceRolled += (int) n;
  }

  public int diceRolled() {
    return diceRolled;
  }

  /** Starts resolving saved roll {@code name}; a cycle or too deep a chain is an error. */
  void enterSaved(String name, int position) {
    if (resolving == null) resolving = new ArrayDeque<>();
    if (resolving.contains(name)) {
      throw new DiceException("saved roll $" + name + " refers to itself (" + chainWith(name) + ")", position);
    }
    if (resolving.size() >= limits.maxSavedRollDepth()) {
      throw new DiceException("saved rolls nest deeper than " + limits.maxSavedRollDepth(), position);
    }
    resolving.addLast(name);
  }

  void leaveSaved() {
    resolving.removeLast();
  }

  private String chainWith(String name) {
    StringBuilder sb = new StringBuilder();
    for (String n : resolving) sb.append('$').append(n).append(" -> ");
    return sb.append('$').append(name).toString();
  }
}
