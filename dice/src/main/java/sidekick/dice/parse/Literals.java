package sidekick.dice.parse;

import sidekick.dice.DiceException;

/** Checks on numbers as written. */
final class Literals {
  private Literals() {}

  /** A non-negative integer that must fit comfortably in an int (counts, bounds). */
  static int smallInt(String digits, String what, int position) {
    if (digits.length() > 9) throw new DiceException(what + " is too large: " + digits, position);
    return Integer.parseInt(digits);
  }

  static int smallInt(double value, String what, int position) {
    if (value != Math.rint(value)) throw new DiceException(what + " must be a whole number", position);
    if (Math.abs(value) > 1e9) throw new DiceException(what + " is too large", position);
    return (int) value;
  }

  /**
   * The value of a number as written: ASCII digits with an optional fraction ({@code 12}, {@code
   * 2.5}). Whole numbers of up to 15 digits are exact in a double and skip the decimal parser.
   */
  static double number(String text) {
    int n = text.length();
    if (n > 15) return Double.parseDouble(text);
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return Double.parseDouble(text);
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** A dice count or a number of sides: digits, no leading zero ({@code 01d6} is refused). */
  static long diceNumber(String text, String what, int position) {
    if (text.indexOf('.') >= 0) throw new DiceException(what + " must be a whole number, not " + text, position);
    if (text.length() > 1 && text.charAt(0) == '0') {
      throw new DiceException(what + " cannot start with 0: " + text, position);
    }
    if (text.length() > 12) return Long.MAX_VALUE;
    long v = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return Long.parseLong(text); // other Unicode digits
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
