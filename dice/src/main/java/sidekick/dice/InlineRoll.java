package sidekick.dice;

/**
 * One expression of a chat text, rolled.
 *
 * @param match where it was found
 * @param result the roll, or null when {@code error} is set
 * @param error the problem (bad forced roll, too many dice, ...), or null
 */
public record InlineRoll(InlineMatch match, RollResult result, DiceException error) {
  public boolean ok() {
    return error == null;
  }

  /** What replaces the match in the text: the roll's Markdown, or the error in italics. */
  public String markdown() {
    return ok() ? result.markdown() : "*" + match.source() + ": " + error.getMessage() + "*";
  }

  /** Appends {@link #markdown()} (or {@link #plain()}) to {@code out}. */
  public void appendTo(StringBuilder out, boolean markdown) {
    if (!ok()) out.append(markdown ? markdown() : plain());
    else if (markdown) result.appendMarkdown(out);
    else result.appendPlain(out);
  }

  /** What replaces the match in plain text. */
  public String plain() {
    return ok() ? result.plain() : "[" + match.source() + ": " + error.getMessage() + "]";
  }
}
