package sidekick.dice.parse;

import static org.jparsec.Parsers.INDEX;
import static org.jparsec.Parsers.sequence;
import static sidekick.dice.parse.ModifierGrammar.DIGITS;
import static sidekick.dice.parse.ModifierGrammar.MODIFIERS;
import static sidekick.dice.parse.ModifierGrammar.NUMBER;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jparsec.Parser;
import org.jparsec.Parsers;
import org.jparsec.Scanners;
import org.jparsec.WithSource;
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
  private static final Parser<Void> WS = Scanners.WHITESPACES.skipMany();

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
        sequence(INDEX, NUMBER, diceTail.asOptional(),
            (i, n, tail) -> tail.isPresent() ? dice(i, n, null, tail.get()) : (Node) new NumberNode(i, Double.parseDouble(n), n));
    Parser<Node> parensOrDice =
        sequence(INDEX, parens, diceTail.asOptional(),
            (i, p, tail) -> tail.isPresent() ? dice(i, "", p, tail.get()) : p);
    Parser<Node> bareDice = sequence(INDEX, diceTail, (i, tail) -> dice(i, "", null, tail));

    Parser<List<Node>> args = expr.sepBy1(Scanners.isChar(',').next(WS));
    Parser<String> identifier = Scanners.many1(Character::isLetter).source();
    Parser<Node> repeat =
        sequence(INDEX, Scanners.stringCaseInsensitive("repeat").next(WS).next(Scanners.isChar('(')).next(WS),
            expr, Scanners.isChar(',').next(WS).next(expr),
            Scanners.isChar(',').next(WS).next(sequence(INDEX, Scanners.many1(c -> Character.isLetter(c) || c == ' ').source(), Word::new)).asOptional(),
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
        sequence(term, sequence(INDEX, Scanners.isChar('[').next(labelText).followedBy(Scanners.isChar(']').label("']'")), Word::new).followedBy(WS).asOptional(),
            (t, label) -> label.isPresent() ? new WrapNode(label.get().position, WrapNode.Kind.LABEL, t, label.get().text.trim()) : t);

    Parser<BiFunction<Node, Node, Node>> powOp =
        sequence(INDEX, Parsers.or(Scanners.string("**").source(), Scanners.isChar('^').source()).followedBy(WS),
            (i, s) -> (l, r) -> new BinaryNode(i, BinaryNode.Op.POWER, s, l, r));
    Parser<Node> power =
        sequence(labelled, sequence(powOp, unaryRef.lazy(), (op, r) -> (java.util.function.Function<Node, Node>) l -> op.apply(l, r)).asOptional(),
            (l, rest) -> rest.isPresent() ? rest.get().apply(l) : l);
    Parser<Node> unary =
        Parsers.or(
            sequence(INDEX, Scanners.among("-+").source().followedBy(WS), unaryRef.lazy(),
                (i, s, u) -> (Node) new WrapNode(i, s.equals("-") ? WrapNode.Kind.NEGATE : WrapNode.Kind.PLUS, u, null)),
            power);
    unaryRef.set(unary);

    Parser<BiFunction<Node, Node, Node>> mulOp =
        Parsers.or(
            binary(Scanners.isChar('*').notFollowedBy(Scanners.isChar('*')), BinaryNode.Op.MULTIPLY, "*"),
            binary(Scanners.isChar('/'), BinaryNode.Op.DIVIDE, "/"),
            binary(Scanners.isChar('%'), BinaryNode.Op.MODULO, "%"));
    Parser<BiFunction<Node, Node, Node>> addOp =
        Parsers.or(
            binary(Scanners.isChar('+'), BinaryNode.Op.ADD, "+"),
            binary(Scanners.isChar('-'), BinaryNode.Op.SUBTRACT, "-"));
    Parser<Node> product = unary.infixl(mulOp.label("an operator"));
    Parser<Node> sum = product.infixl(addOp.label("an operator"));
    exprRef.set(sum);
    this.expression = WS.next(sum);
  }

  private static Parser<BiFunction<Node, Node, Node>> binary(Parser<?> symbol, BinaryNode.Op op, String text) {
    return sequence(INDEX, symbol.followedBy(WS), (i, v) -> (l, r) -> new BinaryNode(i, op, text, l, r));
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
    DiceMods.Builder builder = new DiceMods.Builder();
    int minFace = faces != null ? faces.min() : 1;
    for (Mod m : tail.mods.getValue()) m.applyTo(builder, minFace);
    DiceMods mods = builder.build();
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

  private static Node repeat(int position, Node body, Node times, Optional<Word> mode) {
    RepeatNode.Mode m = RepeatNode.Mode.FULL;
    if (mode.isPresent()) {
      m = RepeatNode.Mode.bySpelling(mode.get().text);
      if (m == null) {
        throw new DiceException("repeat() shows its rolls as brief, short, list, sum or short sum, not '" + mode.get().text.trim() + "'", mode.get().position);
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
