package sidekick.dice.parse;

import org.jparsec.pattern.Pattern;

/**
 * The commonest operand of an expression, with the spaces after it, as one jparsec {@link Pattern}
 * written out as a loop over the characters: a number ({@code 5}, {@code 2.5}) that is not a die's
 * count, or a die with a number of sides ({@code 4d6}, {@code d20}, {@code 2d%}) and at most one
 * {@link FastModifier} ({@code kh3}, {@code !>8}), followed by neither
 * another modifier nor a label's {@code [}. With {@code withOperator}, an operator
 * ({@code + - * / % ^ **}) and its spaces come first.
 *
 * <p>Why by hand: the same pattern composed from {@code Patterns} is a tree of a dozen small
 * patterns, each a virtual call the JIT cannot inline, and this is the step nearly every parse
 * takes once per operand. What it accepts is exactly what the grammar's step-by-step parsers
 * accept there; {@code FastPathTest} checks the grammar with and without it on generated inputs.
 */
final class OperandPattern extends Pattern {
  private static final AsciiSet OPERATORS = new AsciiSet("+-*/%^");
  private static final AsciiSet MODIFIER_STARTS = new AsciiSet(ModifierGrammar.STARTS);

  private final boolean withOperator;

  OperandPattern(boolean withOperator) {
    this.withOperator = withOperator;
  }

  @Override
  public int match(CharSequence src, int begin, int end) {
    int at = begin;
    if (withOperator) {
      at = operator(src, at, end);
      if (at == MISMATCH) return MISMATCH;
      at = spaces(src, at, end);
    }
    int afterTerm = dice(src, at, end);
    if (afterTerm == MISMATCH) afterTerm = number(src, at, end);
    if (afterTerm == MISMATCH) return MISMATCH;
    at = spaces(src, afterTerm, end);
    if (at < end && src.charAt(at) == '[') return MISMATCH; // a label: the step-by-step way
    return at - begin;
  }

  /** After {@code **} or one of {@code + - * / % ^} at {@code at}; else MISMATCH. */
  private static int operator(CharSequence src, int at, int end) {
    if (at >= end) return MISMATCH;
    char c = src.charAt(at);
    if (c == '*' && at + 1 < end && src.charAt(at + 1) == '*') return at + 2;
    return OPERATORS.contains(c) ? at + 1 : MISMATCH;
  }

  /** After a die with literal sides and at most one fast modifier, no other modifier next; else MISMATCH. */
  private static int dice(CharSequence src, int at, int end) {
    int k = asciiDigits(src, at, end);
    if (k >= end || !isDiceLetter(src.charAt(k))) return MISMATCH;
    k++;
    if (k < end && src.charAt(k) == '%') {
      k++;
    } else {
      int sides = k;
      while (k < end && Character.isDigit(src.charAt(k))) k++;
      if (k == sides) return MISMATCH;
    }
    int modifier = FastModifier.end(src, k, end);
    if (modifier != MISMATCH) k = modifier;
    if (k < end && MODIFIER_STARTS.contains(src.charAt(k))) return MISMATCH;
    return k;
  }

  /** After a whole number or decimal not followed by a die's letter; else MISMATCH. */
  private static int number(CharSequence src, int at, int end) {
    int k = decimalEnd(src, at, end);
    if (k == MISMATCH || (k < end && isDiceLetter(src.charAt(k)))) return MISMATCH;
    return k;
  }

  /** After ASCII digits with an optional fraction ({@code 8}, {@code 8.5}) at {@code at}; else MISMATCH. */
  static int decimalEnd(CharSequence src, int at, int end) {
    int k = asciiDigits(src, at, end);
    if (k == at) return MISMATCH;
    if (k + 1 < end && src.charAt(k) == '.' && isAsciiDigit(src.charAt(k + 1))) k = asciiDigits(src, k + 1, end);
    return k;
  }

  static int asciiDigits(CharSequence src, int at, int end) {
    while (at < end && isAsciiDigit(src.charAt(at))) at++;
    return at;
  }

  private static int spaces(CharSequence src, int at, int end) {
    while (at < end && isSpace(src.charAt(at))) at++;
    return at;
  }

  /**
   * {@link Character#isWhitespace}, answered by one comparison for the printable ASCII characters
   * these steps mostly read (none of them is a space but the space itself).
   */
  static boolean isSpace(char c) {
    return (c <= ' ' || c >= 0x7f) && Character.isWhitespace(c);
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isDiceLetter(char c) {
    return c == 'd' || c == 'D';
  }
}
