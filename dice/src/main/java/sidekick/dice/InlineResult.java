package sidekick.dice;

import java.util.List;

/**
 * A chat text with every inline roll rolled and replaced.
 *
 * @param text the text with each match replaced by its rendering
 * @param rolls the rolls in text order (offsets refer to the input text)
 */
public record InlineResult(String text, List<InlineRoll> rolls) {
  public InlineResult {
    rolls = List.copyOf(rolls);
  }
}
