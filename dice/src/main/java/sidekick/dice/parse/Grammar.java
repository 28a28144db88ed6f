package sidekick.dice.parse;

import static org.jparsec.Parsers.INDEX;
import static org.jparsec.Parsers.sequence;
import static sidekick.dice.parse.ModifierGrammar.DIGITS;
import static sidekick.dice.parse.ModifierGrammar.NUMBER;

import java.util.List;
import java.util.function.BiFunction;
import org.jparsec.Parser;
import org.jparsec.Parsers;
import org.jparsec.Scanners;
import org.jparsec.Token;
import org.jparsec.WithSource;
import org.jparsec.pattern.CharPredicates;
import org.jparsec.pattern.Pattern;
import org.jparsec.pattern.Patterns;
import sidekick.dice.DiceException;
import sidekick.dice.DiceLimits;
import sidekick.dice.eval.BinaryNode;
import sidekick.dice.eval.DiceMods;
import sidekick.dice.eval.DiceNode;
import sidekick.dice.eval.Faces;
import sidekick.dice.eval.FunctionNode;
import sidekick.dice.eval.GroupNode;
import sidekick.dice.eval.Node;
import sidekick.dice.eval.NumberNode;
import sidekick.dice.eval.RepeatNode;
import sidekick.dice.eval.SavedRollNode;
import sidekick.dice.eval.WrapNode;

/**
 * The dice notation, as jparsec parsers over characters. Precedence, loosest first: {@code + -},
 * {@code * / %}, unary {@code - +}, {@code ^ **} (right-associative, so {@code -2^2} is -4 and
 * {@code 2^-1} is 0.5), then terms: numbers, dice, {@code (…)}, groups {@code {…}}, functions,
 * {@code $saved}, each optionally followed by a label {@code [text]}. Spaces may separate tokens but
 * not the parts of one dice term.
 *
 * <p>Speed: every jparsec step is a virtual call, and every failed alternative also records an
 * error, so the grammar keeps the steps of common input few. Where the next character decides
 * which way to go, a pattern looks at it first ({@link Parser#ifelse}, whose test records no
 * error): a sign, a label, an operator, the dice of a term. The commonest terms (numbers, {@code
 * 4d6}, {@code d20}, {@code 2d%}) are one pattern; so is a whole plain operand with the spaces
 * after it ({@code 5 }, {@code 1d20}, {@code 4d6kh3}, {@code 10d10!>8}), an operator with such
 * an operand ({@code + 5}), and at the start of the outermost expression a run of both ({@code
 * 2d6+3}, {@code 1d20 + 5}: {@link OperandChainPattern}). Where these do not match, the general
 * alternatives run, which accept the same text with the same result, so the language and its
 * errors are the same either way:
 * {@code FastPathTest} compares a grammar built without the shortcuts on generated input.
 */
final class Grammar {
  /** Optional spaces, as one pattern scan. */
  private static final Parser<Void> WS = Scanners.many(Character::isWhitespace);

  private final DiceLimits limits;
  private final Parser<WithSource<List<Mod>>> modifiers;
  private final boolean fastPaths;
  /** The expression with leading and trailing spaces; {@code parse} requires the end after it. */
  final Parser<Node> expression;
  /** {@link #expression} where the text is known not to be one {@link #WHOLE_CHAIN}. */
  final Parser<Node> notWholeChain;

  Grammar(DiceLimits limits) {
    this(limits, true);
  }

  /** @param fastPaths false for the grammar without its one-pattern shortcuts (tests compare both) */
  Grammar(DiceLimits limits, boolean fastPaths) {
    this.limits = limits;
    this.fastPaths = fastPaths;
    Parser<WithSource<List<Mod>>> modifiers = (fastPaths ? ModifierGrammar.FAST : ModifierGrammar.STEPWISE).modifiers;
    this.modifiers = modifiers;
    Parser.Reference<Node> exprRef = Parser.newReference();
    Parser.Reference<Node> unaryRef = Parser.newReference();
    Parser<Node> expr = exprRef.lazy();

    Parser<Node> parens =
        sequence(INDEX, Scanners.isChar('(').next(WS), expr, Scanners.isChar(')').label("')'"),
            (i, v, e, c) -> (Node) new WrapNode(i, WrapNode.Kind.PARENS, e, null));

    Parser<Sides> sides =
        Parsers.or(
                sequence(INDEX, DIGITS, (i, d) -> Sides.literal(i, d)),
                sequence(INDEX, Scanners.isChar('%'), (i, v) -> Sides.percent(i)),
                sequence(INDEX, Scanners.among("Ff"),
                    Scanners.isChar('.').next(Scanners.among("12").source()).optional(null),
                    (i, v, variant) -> Sides.fudge(i, variant)),
                sequence(INDEX, parens, (i, p) -> Sides.expression(i, p)))
            .label("the number of sides (like d6, d%, dF or d(1+2))");

    Parser<DiceTail> diceTail =
        sequence(INDEX, Scanners.among("dD").source(), sides, modifiers, DiceTail::new);
    // a dice tail, or null when the next character is no d (then nothing is tried)
    Parser<DiceTail> optionalDiceTail = PEEK_D.ifelse(diceTail.optional(null), Parsers.constant(null));

    Parser<Node> numberOrDice =
        sequence(INDEX, NUMBER, optionalDiceTail,
            (i, n, tail) -> tail != null ? dice(i, n, null, tail) : (Node) new NumberNode(i, Literals.number(n), n));
    Parser<Node> parensOrDice =
        sequence(INDEX, parens, optionalDiceTail,
            (i, p, tail) -> tail != null ? dice(i, "", p, tail) : p);
    Parser<Node> bareDice = sequence(INDEX, diceTail, (i, tail) -> dice(i, "", null, tail));

    Parser<List<Node>> args = expr.sepBy1(Scanners.isChar(',').next(WS));
    Parser<String> identifier = Scanners.many1(Character::isLetter).source();
    Parser<Node> repeat =
        sequence(INDEX, Scanners.stringCaseInsensitive("repeat").next(WS).next(Scanners.isChar('(')).next(WS),
            expr, Scanners.isChar(',').next(WS).next(expr),
            Scanners.isChar(',').next(WS).next(sequence(INDEX, Scanners.many1(c -> Character.isLetter(c) || c == ' ').source(), Word::new)).optional(null),
            Scanners.isChar(')').label("')'"),
            (i, v, body, times, mode, close) -> repeat(i, body, times, mode));
    Parser<Node> function =
        sequence(INDEX, identifier, WS.next(Scanners.isChar('(')).next(WS).next(args), Scanners.isChar(')').label("')'"),
            (i, name, a, close) -> function(i, name, a));
    Parser<Node> saved =
        sequence(INDEX, Scanners.isChar('$').next(
                Scanners.isChar(c -> Character.isLetter(c) || c == '_').next(Scanners.many(c -> Character.isLetterOrDigit(c) || c == '_')).source()
                    .label("a saved roll name")),
            (i, name) -> (Node) new SavedRollNode(i, name));
    Parser<Node> group =
        sequence(INDEX, Scanners.isChar('{').next(WS).next(expr.sepBy1(Scanners.isChar(',').next(WS))),
            Scanners.isChar('}').label("'}'").next(modifiers),
            (i, members, mods) -> group(i, members, mods));

    // every term; the common ones are also matched by SIMPLE_TERM, in one step
    Parser<Node> anyTerm =
        Parsers.or(parensOrDice, numberOrDice, bareDice, group, saved, repeat, function)
            .label("a number, a die like d20, '(' or a function");
    Parser<Node> term = fastPaths ? SIMPLE_TERM.ifelse(this::simpleTerm, anyTerm) : anyTerm;

    // after a term: spaces, and maybe a label "[text]" and the spaces after it
    Parser<String> labelText = Scanners.many(c -> c != ']' && c != '\n').source();
    Parser<Word> label =
        sequence(SPACES_AND_BRACKET, INDEX, labelText, Scanners.isChar(']').label("']'").next(WS),
            (v, i, text, close) -> new Word(i - 1, text));
    // an unclosed "[" leaves the term without a label (the rest is not part of the expression)
    Parser<Word> afterTerm = SPACES_AND_BRACKET.peek().ifelse(Parsers.or(label, WS.<Word>cast()), WS.<Word>cast());
    BiFunction<Node, Word, Node> withLabel = (t, l) -> l != null ? new WrapNode(l.position, WrapNode.Kind.LABEL, t, l.text.trim()) : t;
    Parser<Node> labelled = sequence(term, afterTerm, withLabel);

    // a sign binds looser than ^ (-2^2 = -(2^2)): fold() moves a power inside the signs before it
    Parser<Node> signed =
        sequence(INDEX, SIGN, unaryRef.lazy(),
            (i, s, u) -> (Node) new WrapNode(i, s.charAt(0) == '-' ? WrapNode.Kind.NEGATE : WrapNode.Kind.PLUS, u, null));
    Parser<Node> unary = PEEK_SIGN.ifelse(signed, labelled);
    Parser<Node> notBareUnary = unary; // what a unary is where no bare operand starts
    if (fastPaths) {
      // "(" can only start parentheses: straight there, not through the other kinds of term
      notBareUnary = unary = PEEK_PARENTHESIS.ifelse(sequence(parensOrDice, afterTerm, withLabel), unary);
      unary = BARE_OPERAND.ifelse(t -> Parsers.constant(bareOperand(t.index(), (String) t.value())), unary);
    }
    unaryRef.set(unary);

    // + - * / % ^ ** in one flat list, folded by precedence afterwards: one operator scan per
    // operand instead of one per precedence level (jparsec's infixl also builds parsers on every use)
    Parser<Operation> operation = sequence(INDEX, OPERATOR, unary, Operation::new);
    if (fastPaths) operation = BARE_OPERATION.ifelse(t -> Parsers.constant(bareOperation(t.index(), (String) t.value())), operation);
    operation = PEEK_OPERATOR.ifelse(operation, Parsers.expect("an operator"));
    Parser<List<Operation>> operations = operation.many();
    Parser<Node> arithmetic = sequence(unary, operations, Grammar::fold);
    Parser<Node> outermost = arithmetic;
    if (fastPaths) {
      // the expression's start as one run of bare operands and operations, then the operations
      // after it as before. A miss means no bare operand starts here: the first unary need not
      // try one again. (Inside brackets the one-at-a-time steps measured faster.)
      Parser<Node> afterMiss = sequence(notBareUnary, operations, Grammar::fold);
      outermost = BARE_CHAIN.ifelse(t -> chain(t.index(), (String) t.value(), operations), afterMiss);
    }
    exprRef.set(arithmetic);
    this.notWholeChain = WS.next(outermost);
    this.expression = wholeChainOr((node, end) -> node, notWholeChain);
  }

  /**
   * The commonest whole text ({@code 1d20+5}, {@code 2d6+3}, {@code  4d6kh3 }) in one step, with
   * nothing made per parse: when the text is a {@link #WHOLE_CHAIN}, what {@code whole} makes of
   * its expression and its end (the end of the text), else {@code otherwise}. For the parser of a
   * whole text only: the step is taken at its start, position 0.
   */
  <R> Parser<R> wholeChainOr(BiFunction<Node, Integer, R> whole, Parser<R> otherwise) {
    if (!fastPaths) return otherwise;
    return WHOLE_CHAIN.ifelse(new WholeChainStep<>(whole), otherwise);
  }

  /**
   * What {@link #wholeChainOr} makes of a whole text of plain operands. A class rather than a
   * lambda, and the chain folded right here: a lambda is two calls (its class's {@code apply}, then
   * its body), and in the inline finder's compiled code this step sits so deep below jparsec's calls
   * that the JIT's inlining depth runs out in the term building under it.
   */
  private final class WholeChainStep<R> implements java.util.function.Function<String, Parser<R>> {
    private final BiFunction<Node, Integer, R> whole;

    WholeChainStep(BiFunction<Node, Integer, R> whole) {
      this.whole = whole;
    }

    @Override
    public Parser<R> apply(String text) {
      Chain c = new Chain(0, text, OperandChainPattern.spaces(text, 0, text.length()));
      return Parsers.constant(whole.apply(fold(c.first, c.operations), text.length()));
    }
  }

  /**
   * Spaces and a {@link #BARE_CHAIN} that reaches the end of the text: the whole text. Its source
   * is the text itself (no copy), and where it starts is known (no token).
   */
  private static final Parser<String> WHOLE_CHAIN = OperandChainPattern.WHOLE_TEXT.toScanner("an operand").source();

  /** Bare operands joined by operators, each with its spaces: see {@link OperandChainPattern}. */
  private static final Parser<Token> BARE_CHAIN = OperandChainPattern.PATTERN.toScanner("an operand").source().token();

  /**
   * A {@link #BARE_CHAIN} at {@code position} in the outermost expression that does not reach the
   * end of the text (a {@link #WHOLE_CHAIN} takes those), then the {@code operations} after it,
   * folded.
   */
  private Parser<Node> chain(int position, String text, Parser<List<Operation>> operations) {
    Chain c = new Chain(position, text, 0);
    return operations.map(more -> fold(c.first, joined(c.operations, more)));
  }

  /**
   * The operand and operations of a chain written at {@code text[from, end)}, where {@code text}
   * stands at {@code position}, built at once, left to right, before anything after the chain
   * is parsed: where the one-at-a-time steps build them (a bad term fails first, with its own
   * message).
   */
  private final class Chain {
    final Node first;
    final List<Operation> operations;

    Chain(int position, String text, int from) {
      int end = text.length();
      int at = from + OperandChainPattern.operandLength(text, from, end);
      first = bareOperand(position + from, text, from, at);
      operations = at == end ? List.of() : new java.util.ArrayList<>(4);
      while (at < end) {
        int length = OperandChainPattern.operationLength(text, at, end);
        operations.add(bareOperation(position + at, text, at, at + length));
        at += length;
      }
    }
  }

  /** The chain's operations, then those parsed after it. */
  private static List<Operation> joined(List<Operation> chained, List<Operation> more) {
    if (more.isEmpty()) return chained;
    if (chained.isEmpty()) return more;
    chained.addAll(more);
    return chained;
  }

  /** Spaces after an operator, matched with it in one step. */
  private static final Pattern SPACES = Patterns.many(Character::isWhitespace);

  /** Spaces and the {@code [} that opens a label. */
  private static final Parser<Void> SPACES_AND_BRACKET = SPACES.next(Patterns.isChar('[')).toScanner("[");

  private static final Parser<Void> PEEK_SIGN = Patterns.among("-+").peek().toScanner("[-+]");
  /** A unary sign and the spaces after it. */
  private static final Parser<String> SIGN = Patterns.among("-+").next(SPACES).toScanner("[-+]").source();

  private static final Parser<Void> PEEK_OPERATOR = Patterns.among("+-*/%^").peek().toScanner("an operator");
  /** {@code + - * / % ^ **}, with the spaces after it. */
  private static final Parser<String> OPERATOR = Patterns.or(Patterns.string("**"), Patterns.among("+-*/%^")).next(SPACES).toScanner("an operator").source();

  private static final Parser<Void> PEEK_PARENTHESIS = Patterns.isChar('(').peek().toScanner("(");

  private static final Parser<Void> PEEK_D = Patterns.among("dD").peek().toScanner("[dD]");

  /**
   * A whole number or decimal that is not the count of a die ({@code 5}, {@code 2.5}), or a die
   * with a number of sides: {@code 4d6}, {@code d20}, {@code 2d%} (ASCII digits for the count, as
   * in a number; any digits for the sides, as {@code DIGITS}). With its position and text.
   */
  private static final Pattern DICE_TERM =
      Patterns.sequence(
          Patterns.many(CharPredicates.IS_DIGIT), Patterns.among("dD"), Patterns.or(Patterns.many1(Character::isDigit), Patterns.isChar('%')));
  private static final Pattern NUMBER_TERM =
      Patterns.sequence(Patterns.INTEGER, Patterns.FRACTION.optional(), Patterns.among("dD").not());
  private static final Parser<Token> SIMPLE_TERM = Patterns.or(DICE_TERM, NUMBER_TERM).toScanner("a term").source().token();

  /** A whole common operand in one step, with the spaces after it: see {@link OperandPattern}. */
  private static final Parser<Token> BARE_OPERAND = new OperandPattern(false).toScanner("an operand").source().token();
  /** An operator, its spaces and a {@link #BARE_OPERAND}: {@code + 5}, {@code *2}. */
  private static final Parser<Token> BARE_OPERATION = new OperandPattern(true).toScanner("an operation").source().token();

  /** What follows a {@link #SIMPLE_TERM}: nothing after a number, the modifiers after a die. */
  private Parser<Node> simpleTerm(Token token) {
    String text = (String) token.value();
    int letter = countEnd(text, text.length());
    if (letter == text.length() || !OperandPattern.isDiceLetter(text.charAt(letter))) {
      return Parsers.constant(new NumberNode(token.index(), Literals.number(text), text));
    }
    return modifiers.map(mods -> simpleDice(token.index(), text, letter, mods.getValue(), mods.getSource()));
  }

  /** A {@link #BARE_OPERAND} at {@code position}, with the spaces after it. */
  private Node bareOperand(int position, String text) {
    return bareOperand(position, text, 0, text.length());
  }

  /**
   * The {@link #BARE_OPERAND} written at {@code text[from, to)}, which stands at {@code position}:
   * built from the run's own text, no substring of its own.
   */
  private Node bareOperand(int position, String text, int from, int to) {
    int end = from;
    while (end < to && !OperandPattern.isSpace(text.charAt(end))) end++;
    int letter = OperandPattern.asciiDigits(text, from, end);
    if (letter == end || !OperandPattern.isDiceLetter(text.charAt(letter))) {
      String number = Literals.text(text, from, end);
      return new NumberNode(position, Literals.number(number), number);
    }
    int sidesEnd = letter + 1;
    if (text.charAt(sidesEnd) == '%') sidesEnd++;
    else while (sidesEnd < end && Character.isDigit(text.charAt(sidesEnd))) sidesEnd++;
    // the modifier is read (and may fail) before the count and sides are checked, as step by step
    DiceMods mods = sidesEnd == end ? DiceMods.NONE : FastModifier.alone(position + sidesEnd - from, text, sidesEnd, end);
    int count = literalCount(position, text, from, letter);
    int sidesPosition = position + letter - from + 1;
    Faces faces = literalFaces(sidesPosition, text, letter, sidesEnd);
    return dice(position, count, null, faces, null, sidesPosition, text, from, letter, sidesEnd, end, mods);
  }

  /** A {@link #BARE_OPERATION} at {@code position}. */
  private Operation bareOperation(int position, String text) {
    return bareOperation(position, text, 0, text.length());
  }

  /** The {@link #BARE_OPERATION} written at {@code text[from, to)}, which stands at {@code position}. */
  private Operation bareOperation(int position, String text, int from, int to) {
    int k = from + (text.charAt(from) == '*' && text.charAt(from + 1) == '*' ? 2 : 1); // an operand follows
    while (OperandPattern.isSpace(text.charAt(k))) k++;
    return new Operation(position, Operation.symbolAt(text, from), bareOperand(position + k - from, text, k, to));
  }

  /** Where the ASCII digits at the start of a term end: at its {@code d}, if it is a die. */
  private static int countEnd(String term, int end) {
    return OperandPattern.asciiDigits(term, 0, end);
  }

  /** A die with literal sides ({@code 4d6}, {@code d%}) written as {@code text}, and its modifiers. */
  private Node simpleDice(int position, String text, int letter, List<Mod> modList, String modsText) {
    String written = modsText.isEmpty() ? text : text + modsText;
    int count = literalCount(position, written, 0, letter);
    Faces faces = literalFaces(position + letter + 1, written, letter, text.length());
    DiceMods mods = mods(modList, faces);
    return dice(position, count, null, faces, null, position + letter + 1, written, 0, letter, text.length(), written.length(), mods);
  }

  /** The count of a term written at {@code position} as {@code written[from, letter)} (1 when none). */
  private int literalCount(int position, String written, int from, int letter) {
    if (letter == from) return 1;
    long n = Literals.diceNumber(written, from, letter, "the number of dice", position);
    if (n < 1) {
      throw new DiceException("roll at least one die (" + written.substring(from, letter + 1) + "… rolls none)", position);
    }
    if (n > limits.maxDice()) {
      throw new DiceException("too many dice: " + written.substring(from, letter) + " (at most " + limits.maxDice() + ")", position);
    }
    return (int) n;
  }

  /** The faces of literal sides written at {@code sidesPosition} as {@code written[letter + 1, sidesEnd)}. */
  private Faces literalFaces(int sidesPosition, String written, int letter, int sidesEnd) {
    int at = letter + 1;
    if (written.charAt(at) == '%') return Faces.numbered(100);
    long n = Literals.diceNumber(written, at, sidesEnd, "the number of sides", sidesPosition);
    if (n < 1) throw new DiceException("a die needs at least one side (d" + written.substring(at, sidesEnd) + ")", sidesPosition);
    if (n > limits.maxSides()) {
      throw new DiceException("too many sides: " + written.substring(at, sidesEnd) + " (at most " + limits.maxSides() + ")", sidesPosition);
    }
    return Faces.numbered((int) n);
  }

  /** The modifiers as written, once the faces are known ({@code r} rerolls the lowest face). */
  private static DiceMods mods(List<Mod> modList, Faces faces) {
    if (modList.isEmpty()) return DiceMods.NONE; // most dice have no modifiers: no builder
    DiceMods.Builder builder = new DiceMods.Builder();
    int minFace = faces != null ? faces.min() : 1;
    for (Mod m : modList) m.applyTo(builder, minFace);
    return builder.build();
  }

  /** An operator, where it stands, and its right operand. */
  private static final class Operation {
    final int position;
    final String symbol;
    final Node operand;

    Operation(int position, String symbolAndSpaces, Node operand) {
      this.position = position;
      char c = symbolAndSpaces.charAt(0);
      this.symbol = c == '*' && symbolAndSpaces.length() > 1 && symbolAndSpaces.charAt(1) == '*' ? "**" : symbolOf(c);
      this.operand = operand;
    }

    /** The operator at {@code text[at]}: {@code **} or one character, without a substring. */
    static String symbolAt(String text, int at) {
      char c = text.charAt(at);
      return c == '*' && at + 1 < text.length() && text.charAt(at + 1) == '*' ? "**" : symbolOf(c);
    }

    /** One-character operators without a substring each. */
    private static String symbolOf(char c) {
      switch (c) {
        case '+': return "+";
        case '-': return "-";
        case '*': return "*";
        case '/': return "/";
        case '%': return "%";
        default: return "^";
      }
    }

    /** {@code ^} or {@code **} (the only two-character symbol): no string comparison, fold asks often. */
    boolean power() {
      return symbol.length() == 2 || symbol.charAt(0) == '^';
    }

    boolean multiplicative() {
      char c = symbol.charAt(0);
      return symbol.length() == 1 && (c == '*' || c == '/' || c == '%');
    }
  }

  /**
   * Precedence, tightest first: {@code ^ **} (right-associative, inside any signs before its left
   * operand: {@code -2^2} is {@code -(2^2)}), then {@code * / %}, then {@code + -}, both
   * left-associative: {@code 1-2*3+4} is {@code (1-(2*3))+4}.
   */
  private static Node fold(Node first, List<Operation> rest) {
    if (rest.isEmpty()) return first;
    List<Operation> ops = rest;
    for (int k = rest.size() - 1; k >= 0; k--) {
      if (rest.get(k).power()) {
        ops = foldPowers(first, rest);
        first = ops.get(0).operand;
        ops = ops.subList(1, ops.size());
        break;
      }
    }
    Node sum = null;
    Operation pendingAdd = null;
    Node product = first;
    for (Operation o : ops) {
      if (o.multiplicative()) {
        product = binary(o, product, o.operand);
      } else {
        sum = sum == null ? product : binary(pendingAdd, sum, product);
        pendingAdd = o;
        product = o.operand;
      }
    }
    return sum == null ? product : binary(pendingAdd, sum, product);
  }

  /**
   * Replaces each chain {@code a ^ b ^ c} by one operand {@code a ^ (b ^ c)}. Returns the
   * operations left, the first of them holding (as its operand, with no operator) the first
   * operand.
   */
  private static List<Operation> foldPowers(Node first, List<Operation> rest) {
    int n = rest.size();
    Node[] operands = new Node[n + 1];
    operands[0] = first;
    for (int k = 0; k < n; k++) operands[k + 1] = rest.get(k).operand;
    boolean[] merged = new boolean[n + 1];
    for (int k = n - 1; k >= 0; k--) {
      Operation o = rest.get(k);
      if (!o.power()) continue;
      operands[k] = power(o, operands[k], operands[k + 1]);
      merged[k + 1] = true;
    }
    List<Operation> left = new java.util.ArrayList<>(n + 1);
    left.add(new Operation(-1, "+", operands[0]));
    for (int k = 0; k < n; k++) {
      if (merged[k + 1]) continue;
      Operation o = rest.get(k);
      left.add(new Operation(o.position, o.symbol, operands[k + 1]));
    }
    return left;
  }

  /** {@code base ^ exponent}, inside the signs written before the base. */
  private static Node power(Operation o, Node base, Node exponent) {
    if (base instanceof WrapNode) {
      WrapNode w = (WrapNode) base;
      if (w.kind() == WrapNode.Kind.NEGATE || w.kind() == WrapNode.Kind.PLUS) {
        return new WrapNode(w.position(), w.kind(), power(o, w.inner(), exponent), null);
      }
    }
    return new BinaryNode(o.position, BinaryNode.Op.POWER, o.symbol, base, exponent);
  }

  private static Node binary(Operation o, Node left, Node right) {
    BinaryNode.Op op;
    switch (o.symbol.charAt(0)) {
      case '+': op = BinaryNode.Op.ADD; break;
      case '-': op = BinaryNode.Op.SUBTRACT; break;
      case '/': op = BinaryNode.Op.DIVIDE; break;
      case '%': op = BinaryNode.Op.MODULO; break;
      default: op = BinaryNode.Op.MULTIPLY;
    }
    return new BinaryNode(o.position, op, o.symbol, left, right);
  }

  /** A term read by the step-by-step parsers: a count or its expression, and a {@link DiceTail}. */
  private Node dice(int position, String countText, Node countExpr, DiceTail tail) {
    Sides s = tail.sides;
    String modsText = tail.mods.getSource();
    String written = countText + tail.letter + s.text + modsText; // s.text is "" for d(expr)
    int letter = countText.length();
    int sidesEnd = written.length() - modsText.length();
    int count = countExpr != null ? 1 : literalCount(position, written, 0, letter);
    Faces faces = null; // none yet for d(expr)
    if (s.digits != null) faces = literalFaces(s.position, written, letter, sidesEnd);
    else if (s.fudge != null) faces = s.fudge;
    else if (s.expression == null) faces = Faces.numbered((int) s.literal);
    DiceMods mods = mods(tail.mods.getValue(), faces);
    return dice(position, count, countExpr, faces, s.expression, s.position, written, 0, letter, sidesEnd, written.length(), mods);
  }

  /** Builds a dice term, checking what can be checked before rolling: see {@link DiceNode} for the offsets. */
  private static Node dice(
      int position, int count, Node countExpr, Faces faces, Node sidesExpr, int sidesPosition, String written, int countStart,
      int countEnd, int sidesEnd, int modsEnd, DiceMods mods) {
    if (faces != null) mods.checkCanStop(faces, count, position);
    return new DiceNode(position, count, countExpr, faces, sidesExpr, sidesPosition, written, countStart, countEnd, sidesEnd, modsEnd, mods);
  }

  private Node group(int position, List<Node> members, WithSource<List<Mod>> modsWritten) {
    DiceMods.Builder builder = new DiceMods.Builder();
    for (Mod m : modsWritten.getValue()) m.applyTo(builder, 1);
    return new GroupNode(position, members, DiceMods.forGroup(builder, position), modsWritten.getSource());
  }

  private static Node function(int position, String name, List<Node> args) {
    FunctionNode.Fn fn = FunctionNode.Fn.byName(name);
    if (fn == null) {
      throw new DiceException("unknown function " + name + "(): use floor, ceil, round, abs, sqrt, pow, min, max or repeat", position);
    }
    return new FunctionNode(position, fn, name, args);
  }

  private static Node repeat(int position, Node body, Node times, Word mode) {
    RepeatNode.Mode m = RepeatNode.Mode.FULL;
    if (mode != null) {
      m = RepeatNode.Mode.bySpelling(mode.text);
      if (m == null) {
        throw new DiceException("repeat() shows its rolls as brief, short, list, sum or short sum, not '" + mode.text.trim() + "'", mode.position);
      }
    }
    return new RepeatNode(position, body, times, m);
  }

  /** A word with where it starts. */
  private static final class Word {
    final int position;
    final String text;

    Word(int position, String text) {
      this.position = position;
      this.text = text;
    }
  }

  /** {@code d} or {@code D}, the sides, the modifiers and their text. */
  private static final class DiceTail {
    final String letter;
    final Sides sides;
    final WithSource<List<Mod>> mods;

    DiceTail(Integer position, String letter, Sides sides, WithSource<List<Mod>> mods) {
      this.letter = letter;
      this.sides = sides;
      this.mods = mods;
    }
  }

  /** The sides as written: digits, {@code %}, {@code F} / {@code F.1} / {@code F.2}, or {@code (expr)}. */
  private static final class Sides {
    final int position;
    final String text;
    final String digits;
    final long literal;
    final Faces fudge;
    final Node expression;

    private Sides(int position, String text, String digits, long literal, Faces fudge, Node expression) {
      this.position = position;
      this.text = text;
      this.digits = digits;
      this.literal = literal;
      this.fudge = fudge;
      this.expression = expression;
    }

    static Sides literal(int position, String digits) {
      return new Sides(position, digits, digits, 0, null, null);
    }

    static Sides percent(int position) {
      return new Sides(position, "%", null, 100, null, null);
    }

    static Sides fudge(int position, String variant) {
      return new Sides(position, variant == null ? "F" : "F." + variant, null, 0, "1".equals(variant) ? Faces.FUDGE_1 : Faces.FUDGE, null);
    }

    static Sides expression(int position, Node parens) {
      return new Sides(position, "", null, 0, null, parens);
    }
  }
}
