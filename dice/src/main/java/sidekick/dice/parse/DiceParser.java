package sidekick.dice.parse;

import sidekick.dice.Dice;
import sidekick.dice.DiceException;
import sidekick.dice.DiceExpression;
import sidekick.dice.DiceLimits;

/** Turns expression text into a compiled {@link DiceExpression} (jparsec grammar). */
public final class DiceParser {
  private final DiceLimits limits;
  private final Dice engine;

  public DiceParser(DiceLimits limits, Dice engine) {
    this.limits = limits;
    this.engine = engine;
  }

  public DiceExpression parse(String text) {
    throw new DiceException("the dice parser is not built yet", 0);
  }
}
