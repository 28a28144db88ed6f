package sidekick.dice.parse;

import sidekick.dice.DiceException;

/** Checks on numbers as written. */
final class Literals {
  private Literals() {}

  /** A non-negative integer that must fit comfortably in an int (counts, bounds). */
  static int smallInt(String digits, String what, int position) {
    return smallInt(digits, 0, digits.length(), what, position);
  }

  /** {@link #smallInt(String, String, int)} of the digits at {@code text[from, to)}. */
  static int smallInt(String text, int from, int to, String what, int position) {
    if (to - from > 9) throw new DiceException(what + " is too large: " + text.substring(from, to), position);
    return Integer.parseInt(text, from, to, 10);
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
    return number(text, 0, text.length());
  }

  /** The ten one-digit numbers, so the commonest number written needs no substring. */
  private static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

  /** {@code text.substring(from, to)}, without a new string for the whole text or a single digit. */
  static String text(String text, int from, int to) {
    if (from == 0 && to == text.length()) return text;
    if (to - from == 1) {
      char c = text.charAt(from);
      if (c >= '0' && c <= '9') return DIGITS[c - '0'];
    }
    return text.substring(from, to);
  }

  /** {@link #number(String)} of {@code text[from, to)}. */
  static double number(String text, int from, int to) {
    if (to - from > 15) return Double.parseDouble(text.substring(from, to));
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return Double.parseDouble(text.substring(from, to));
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** A dice count or a number of sides: digits, no leading zero ({@code 01d6} is refused). */
  static long diceNumber(String text, String what, int position) {
    return diceNumber(text, 0, text.length(), what, position);
  }

  /** {@link #diceNumber(String, String, int)} of {@code text[from, to)}; a substring only for an error. */
  static long diceNumber(String text, int from, int to, String what, int position) {
    long v = 0;
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '.') throw new DiceException(what + " must be a whole number, not " + text.substring(from, to), position);
      if (c < '0' || c > '9') ascii = false;
      else v = v * 10 + (c - '0');
    }
    if (to - from > 1 && text.charAt(from) == '0') {
      throw new DiceException(what + " cannot start with 0: " + text.substring(from, to), position);
    }
    if (to - from > 12) return Long.MAX_VALUE;
    return ascii ? v : Long.parseLong(text, from, to, 10); // other Unicode digits
  }
}
