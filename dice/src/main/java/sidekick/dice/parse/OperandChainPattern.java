package sidekick.dice.parse;

import org.jparsec.pattern.Pattern;

/**
 * A run of plain operands joined by operators, with the spaces after each ({@code 2d6+3}, {@code
 * 1d20 + 5}, {@code 4d6kh3*2}), as one jparsec {@link Pattern}: an {@link OperandPattern} operand,
 * then as many operator-and-operand steps as match. The grammar takes exactly these steps one at a
 * time (a plain operand first, then a plain operation while one matches, each committed by {@code
 * ifelse}), so the run ends where that loop would leave the plain steps, and what follows it (a
 * {@code (}, a label, the end) takes the general steps as before. {@code FastPathTest} checks the
 * grammar with and without it.
 */
final class OperandChainPattern extends Pattern {
  static final OperandChainPattern PATTERN = new OperandChainPattern();
  /**
   * Spaces, then a run that reaches the end of the text: the whole text is one expression of plain
   * operands, nothing can follow it, and the grammar takes it as one step (no look for a further
   * operator, no parsers made for what might follow).
   */
  static final Pattern WHOLE_TEXT = new Pattern() {
    @Override
    public int match(CharSequence src, int begin, int end) {
      int from = spaces(src, begin, end);
      int run = PATTERN.match(src, from, end);
      return run != MISMATCH && from + run == end ? end - begin : MISMATCH;
    }
  };

  private static final OperandPattern OPERAND = new OperandPattern(false);
  private static final OperandPattern OPERATION = new OperandPattern(true);

  private OperandChainPattern() {}

  @Override
  public int match(CharSequence src, int begin, int end) {
    int first = OPERAND.match(src, begin, end);
    if (first == MISMATCH) return MISMATCH;
    int at = begin + first;
    for (int step = OPERATION.match(src, at, end); step != MISMATCH; step = OPERATION.match(src, at, end)) at += step;
    return at - begin;
  }

  /** After the spaces (as the grammar's {@code WS} takes them) at {@code text[from, end)}. */
  static int spaces(CharSequence text, int from, int end) {
    while (from < end && OperandPattern.isSpace(text.charAt(from))) from++;
    return from;
  }

  /** The length of the operand (with its spaces) at {@code text[from, end)}, as a chain starts. */
  static int operandLength(CharSequence text, int from, int end) {
    return OPERAND.match(text, from, end);
  }

  /** The length of the operation (operator, spaces, operand, spaces) at {@code text[from, end)}. */
  static int operationLength(CharSequence text, int from, int end) {
    return OPERATION.match(text, from, end);
  }
}
