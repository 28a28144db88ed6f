package sidekick.dice.parse;

import static org.jparsec.Parsers.INDEX;
import static org.jparsec.Parsers.sequence;
import static sidekick.dice.parse.ModifierGrammar.DIGITS;
import static sidekick.dice.parse.ModifierGrammar.MODIFIERS;
import static sidekick.dice.parse.ModifierGrammar.NUMBER;

import java.util.List;
import org.jparsec.Parser;
import org.jparsec.Parsers;
import org.jparsec.Scanners;
import org.jparsec.WithSource;
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
 */
final class Grammar {
  /** Optional spaces, as one pattern scan. */
  private static final Parser<Void> WS = Scanners.many(Character::isWhitespace);

  private final DiceLimits limits;
  /** The expression with leading and trailing spaces; {@code parse} requires the end after it. */
  final Parser<Node> expression;

  Grammar(DiceLimits limits) {
    this.limits = limits;
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
        sequence(INDEX, Scanners.among("dD").source(), sides, MODIFIERS, DiceTail::new);

    Parser<Node> numberOrDice =
        sequence(INDEX, NUMBER, diceTail.optional(null),
            (i, n, tail) -> tail != null ? dice(i, n, null, tail) : (Node) new NumberNode(i, Literals.number(n), n));
    Parser<Node> parensOrDice =
        sequence(INDEX, parens, diceTail.optional(null),
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
            Scanners.isChar('}').label("'}'").next(MODIFIERS),
            (i, members, mods) -> group(i, members, mods));

    Parser<Node> term =
        Parsers.or(numberOrDice, parensOrDice, bareDice, group, saved, repeat, function)
            .label("a number, a die like d20, '(' or a function")
            .followedBy(WS);
    Parser<String> labelText = Scanners.many(c -> c != ']' && c != '\n').source();
    Parser<Node> labelled =
        sequence(term, sequence(INDEX, Scanners.isChar('[').next(labelText).followedBy(Scanners.isChar(']').label("']'")), Word::new).followedBy(WS).optional(null),
            (t, label) -> label != null ? new WrapNode(label.position, WrapNode.Kind.LABEL, t, label.text.trim()) : t);

    // ^ and ** are right-associative and take a signed operand: 2^-1, -2^2 = -(2^2)
    Parser<Node> power =
        sequence(labelled, sequence(INDEX, POWER_OP, unaryRef.lazy(), Operation::new).optional(null),
            (l, r) -> r == null ? l : new BinaryNode(r.position, BinaryNode.Op.POWER, r.symbol, l, r.operand));
    Parser<Node> signed =
        sequence(INDEX, Scanners.among("-+").source().followedBy(WS), unaryRef.lazy(),
            (i, s, u) -> (Node) new WrapNode(i, s.equals("-") ? WrapNode.Kind.NEGATE : WrapNode.Kind.PLUS, u, null));
    // most operands have no sign: try the plain operand first (they start differently, so the
    // order changes nothing but the work)
    Parser<Node> unary = Parsers.or(power, signed);
    unaryRef.set(unary);

    // + - * / % in one flat list, folded by precedence afterwards: one operator scan per operand
    // instead of one per precedence level (jparsec's infixl also builds parsers on every use)
    Parser<Node> arithmetic =
        sequence(unary, sequence(INDEX, ARITHMETIC_OP.label("an operator"), unary, Operation::new).many(), Grammar::fold);
    exprRef.set(arithmetic);
    this.expression = WS.next(arithmetic);
  }

  /** Spaces after an operator, matched with it in one step. */
  private static final Pattern SPACES = Patterns.many(Character::isWhitespace);

  /** {@code + - / %} and a {@code *} that is not {@code **}, with the spaces after it. */
  private static final Parser<String> ARITHMETIC_OP =
      Patterns.or(Patterns.among("+-/%"), Patterns.isChar('*').next(Patterns.isChar('*').not()))
          .next(SPACES).toScanner("an operator").source();

  /** {@code **} or {@code ^}, with the spaces after it. */
  private static final Parser<String> POWER_OP =
      Patterns.or(Patterns.string("**"), Patterns.isChar('^')).next(SPACES).toScanner("an operator").source();

  /** An operator, where it stands, and its right operand. */
  private static final class Operation {
    final int position;
    final String symbol;
    final Node operand;

    Operation(int position, String symbolAndSpaces, Node operand) {
      this.position = position;
      this.symbol = symbolAndSpaces.startsWith("**") ? "**" : symbolAndSpaces.substring(0, 1);
      this.operand = operand;
    }

    boolean multiplicative() {
      char c = symbol.charAt(0);
      return c == '*' || c == '/' || c == '%';
    }
  }

  /** Left-associative, {@code * / %} before {@code + -}: {@code 1-2*3+4} is {@code (1-(2*3))+4}. */
  private static Node fold(Node first, List<Operation> rest) {
    if (rest.isEmpty()) return first;
    Node sum = null;
    Operation pendingAdd = null;
    Node product = first;
    for (Operation o : rest) {
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

  /** Builds a dice term, checking what can be checked before rolling. */
  private Node dice(int position, String countText, Node countExpr, DiceTail tail) {
    int count = 1;
    if (!countText.isEmpty()) {
      long n = Literals.diceNumber(countText, "the number of dice", position);
      if (n < 1) throw new DiceException("roll at least one die (" + countText + tail.letter + "… rolls none)", position);
      if (n > limits.maxDice()) throw new DiceException("too many dice: " + countText + " (at most " + limits.maxDice() + ")", position);
      count = (int) n;
    }
    Sides s = tail.sides;
    Faces faces = null;
    if (s.expression == null) {
      long n = s.literal;
      if (s.digits != null) {
        n = Literals.diceNumber(s.digits, "the number of sides", s.position);
        if (n < 1) throw new DiceException("a die needs at least one side (d" + s.digits + ")", s.position);
        if (n > limits.maxSides()) throw new DiceException("too many sides: " + s.digits + " (at most " + limits.maxSides() + ")", s.position);
      }
      faces = s.fudge != null ? s.fudge : Faces.numbered((int) n);
    }
    DiceMods mods = DiceMods.NONE; // most dice have no modifiers: no builder
    if (!tail.mods.getValue().isEmpty()) {
      DiceMods.Builder builder = new DiceMods.Builder();
      int minFace = faces != null ? faces.min() : 1;
      for (Mod m : tail.mods.getValue()) m.applyTo(builder, minFace);
      mods = builder.build();
    }
    if (faces != null) mods.checkCanStop(faces, count, position);
    String letterAndSides = s.expression == null ? tail.letter + s.text : tail.letter;
    return new DiceNode(position, count, countExpr, countText, faces, s.expression, s.position, letterAndSides, mods, tail.mods.getSource());
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
