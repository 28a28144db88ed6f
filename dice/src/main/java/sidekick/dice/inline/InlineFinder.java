package sidekick.dice.inline;

import java.util.List;
import sidekick.dice.DiceLimits;
import sidekick.dice.InlineMatch;
import sidekick.dice.InlineResult;
import sidekick.dice.RandomSource;
import sidekick.dice.SavedRolls;
import sidekick.dice.parse.DiceParser;

/** Finds dice expressions inside chat text. */
public final class InlineFinder {
  private final DiceParser parser;
  private final DiceLimits limits;

  public InlineFinder(DiceParser parser, DiceLimits limits) {
    this.parser = parser;
    this.limits = limits;
  }

  public List<InlineMatch> find(String text) {
    return List.of();
  }

  public InlineResult rollAll(String text, RandomSource random, SavedRolls saved, boolean markdown) {
    return new InlineResult(text, List.of());
  }
}
