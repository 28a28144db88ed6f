package sidekick.dice.parse;

import org.jparsec.Parser;
import org.jparsec.error.ParserException;
import sidekick.dice.Dice;
import sidekick.dice.DiceException;
import sidekick.dice.DiceExpression;
import sidekick.dice.DiceLimits;
import sidekick.dice.eval.Node;

/**
 * Turns expression text into a compiled {@link DiceExpression}: checks the limits that protect the
 * parser itself (length, nesting), runs the jparsec grammar, and turns every failure into a {@link
 * DiceException} that says what was expected and where.
 */
public final class DiceParser {
  /**
   * jparsec's default mode, passed straight: {@code parse(text)} only forwards to {@code parse(text,
   * mode)}, one call deeper, and the finder's compiled code runs out of inlining depth inside its
   * two parses.
   */
  private static final Parser.Mode PRODUCTION = Parser.Mode.PRODUCTION;

  private final DiceLimits limits;
  private final Dice engine;
  private final Parser<Node> grammar;
  private final Parser<Prefix> prefixGrammar;

  public DiceParser(DiceLimits limits, Dice engine) {
    this(limits, engine, true);
  }

  /** @param fastPaths false for the grammar without its one-pattern shortcuts (tests compare both) */
  DiceParser(DiceLimits limits, Dice engine, boolean fastPaths) {
    this.limits = limits;
    this.engine = engine;
    Grammar g = new Grammar(limits, fastPaths);
    this.grammar = g.expression;
    this.prefixGrammar =
        g.wholeChainOr( // the whole text, as the finder's candidates mostly are: no look past it
            Prefix::new,
            org.jparsec.Parsers.sequence(g.notWholeChain, org.jparsec.Parsers.INDEX, Prefix::new)
                .optional(null) // no expression here: null, not a ParserException with its stack trace
                .followedBy(org.jparsec.Scanners.many(c -> true))); // one pattern, not a parser per char
  }

  /** A whole expression, optionally followed by {@code # comment}. */
  public DiceExpression parse(String text) {
    if (text == null) throw new DiceException("no expression given", 0);
    int hash = commentStart(text);
    String body = hash < 0 ? text : text.substring(0, hash);
    String comment = hash < 0 ? "" : text.substring(hash + 1).strip();
    return compile(body, comment);
  }

  /** An expression with no comment ({@code #} is an error): what the inline finder tries. */
  public DiceExpression parseFragment(String text) {
    return compile(text, "");
  }

  /**
   * The longest expression at the start of {@code text} (what follows it is ignored), or null when
   * none parses. jparsec backtracks, so one parse finds it: "1d20 - the orc" gives {@code 1d20}.
   */
  public DiceExpression longestPrefix(String text) {
    if (text.isBlank()) return null;
    String body = text.length() > limits.maxExpressionLength() ? text.substring(0, limits.maxExpressionLength()) : text;
    try {
      checkNesting(body);
      Prefix p = prefixGrammar.parse(body, PRODUCTION);
      if (p == null) return null;
      String matched = body.substring(0, p.end).stripTrailing();
      return new DiceExpression(matched, "", p.root, limits, engine);
    } catch (ParserException | DiceException | StackOverflowError e) {
      return null;
    }
  }

  /** A node and where it ends. */
  private static final class Prefix {
    final Node root;
    final int end;

    Prefix(Node root, int end) {
      this.root = root;
      this.end = end;
    }
  }

  private DiceExpression compile(String body, String comment) {
    if (body.length() > limits.maxExpressionLength()) {
      throw new DiceException(
          "the expression is too long: " + body.length() + " characters (at most " + limits.maxExpressionLength() + ")",
          limits.maxExpressionLength());
    }
    if (body.isBlank()) throw new DiceException("expected a dice expression like 1d20+5, found nothing", 0);
    checkNesting(body);
    Node root;
    try {
      root = grammar.parse(body, PRODUCTION);
    } catch (ParserException e) {
      if (e.getCause() instanceof DiceException) throw (DiceException) e.getCause();
      throw ParseErrors.toDiceException(e, body);
    } catch (StackOverflowError e) {
      throw new DiceException("the expression is nested too deeply", 0);
    }
    return new DiceExpression(body.strip(), comment, root, limits, engine);
  }

  /** Parentheses, groups and labels nest at most {@link DiceLimits#maxNestingDepth()} deep. */
  private void checkNesting(String body) {
    if (body.length() <= limits.maxNestingDepth()) return; // too short to nest too deeply
    int depth = 0;
    int unary = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '(' || c == '{' || c == '[') {
        if (++depth > limits.maxNestingDepth()) {
          throw new DiceException("the expression nests deeper than " + limits.maxNestingDepth() + " levels", i);
        }
      } else if (c == ')' || c == '}' || c == ']') {
        depth = Math.max(0, depth - 1);
      }
      // a long run of signs ("- - - -1") recurses like nesting
      if (c == '-' || c == '+') {
        if (++unary > limits.maxNestingDepth()) {
          throw new DiceException("too many signs in a row", i);
        }
      } else if (!Character.isWhitespace(c)) {
        unary = 0;
      }
    }
  }

  /** The index of the {@code #} starting a comment, or -1; a {@code #} inside a label is text. */
  static int commentStart(String text) {
    if (text.indexOf('#') < 0) return -1; // the common case, without a loop of our own
    boolean inLabel = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[') inLabel = true;
      else if (c == ']') inLabel = false;
      else if (c == '#' && !inLabel) return i;
    }
    return -1;
  }
}
