package sidekick.dice;

/**
 * A dice expression found inside chat text.
 *
 * @param start 0-based UTF-16 offset of the first character to replace (the {@code [[} of a forced
 *     roll)
 * @param end exclusive UTF-16 offset of the end of the replaced text (after {@code ]]})
 * @param source the expression text (without {@code [[ ]]})
 * @param forced true for {@code [[expr]]}
 * @param expression the parsed expression, or null when {@code error} is set
 * @param error why a forced roll is not a valid expression (positions relative to {@code source});
 *     null otherwise. Only forced rolls can have errors: unforced text that does not parse is
 *     just text.
 */
public record InlineMatch(
    int start, int end, String source, boolean forced, DiceExpression expression, DiceException error) {

  public boolean ok() {
    return error == null;
  }
}
