package sidekick.dice.parse;

/**
 * A set of ASCII characters as a table. The one-pattern steps ask "is this an operator, a
 * modifier's first letter?" for nearly every character they read; a {@code String.indexOf} per
 * question was a call into a search routine each time.
 */
final class AsciiSet {
  private final boolean[] member = new boolean[128];

  AsciiSet(String chars) {
    for (int i = 0; i < chars.length(); i++) member[chars.charAt(i)] = true;
  }

  boolean contains(char c) {
    return c < 128 && member[c];
  }
}
