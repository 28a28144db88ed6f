package sidekick.dice.parse;

import static org.jparsec.Parsers.INDEX;
import static org.jparsec.Parsers.sequence;

import java.util.List;
import org.jparsec.Parser;
import org.jparsec.Parsers;
import org.jparsec.Scanners;
import org.jparsec.Token;
import org.jparsec.WithSource;
import org.jparsec.pattern.Pattern;
import org.jparsec.pattern.Patterns;
import sidekick.dice.eval.Compare;
import sidekick.dice.eval.DiceMods;
import sidekick.dice.eval.DiceMods.Explode;
import sidekick.dice.eval.KeepDrop;

/**
 * The modifiers that follow a die or a group, written with no spaces: {@code kh3 !>8 r<2 ro1 u
 * min2 cs>19 sa >=7 f1 t10} and the Avrae aliases {@code e p ph pl rr mi ma}.
 *
 * <p>Two builds: {@link #FAST} also has the one-pattern shortcuts (a whole compare point, a
 * keep/drop with its count, an explosion with its compare point), {@link #STEPWISE} only the
 * step-by-step parsers; both accept the same text with the same results and errors, which {@code
 * FastPathTest} checks.
 */
final class ModifierGrammar {
  private final boolean fastPaths;

  static final Parser<String> DIGITS = Scanners.many1(Character::isDigit).source().label("a number");
  private static final Pattern NUMBER_PATTERN = Patterns.sequence(Patterns.INTEGER, Patterns.FRACTION.optional());
  /** Digits with an optional fraction, as one pattern: a single parser step, not five. */
  static final Parser<String> NUMBER = NUMBER_PATTERN.toScanner("a number").source();

  private static final Pattern OP_PATTERN = Patterns.or(Patterns.string(">="), Patterns.string("<="), Patterns.among("<>="));
  /** {@code >= <= > < =} as one pattern (the two-character ones first), not five parsers. */
  private static final Parser<Compare.Op> OP =
      OP_PATTERN.toScanner("a compare point").source().map(symbol -> FastModifier.compareOp(symbol, 0, symbol.length()));

  /**
   * A number, or {@code -} and a number; the unsigned one first, since most are. Where neither
   * is found, the error asks for a number (a sign is part of one).
   */
  private static final Parser<Double> SIGNED =
      Parsers.or(
          NUMBER.map(Literals::number),
          Patterns.isChar('-').toScanner("a number").next(NUMBER).map(n -> -Literals.number(n)));

  /** A compare point with an operator ({@code >=7}); the value may be negative ({@code =-1}). */
  private static final String WITH_OP_NAME = "a compare point like >=7";
  private static final String COMPARE_NAME = "a compare point like >=7 or 6";

  /** An operator and a signed number, as written: {@code >8}, {@code <=-1}. */
  private static final Pattern WITH_OP_PATTERN = Patterns.sequence(OP_PATTERN, Patterns.isChar('-').optional(), NUMBER_PATTERN);

  /** A compare point's text as one pattern: {@code >=7}, {@code <-1}, {@code 6}. */
  private static final Pattern COMPARE_PATTERN = Patterns.or(WITH_OP_PATTERN, NUMBER_PATTERN);

  private final Parser<Compare> compareWithOp;

  /** {@code >=7} or a bare {@code 6} (meaning {@code =6}; unsigned, so {@code 4d6!-3} is a subtraction). */
  private final Parser<Compare> compare;

  /** A compare point or null; see {@link #optionalCompare()}. */
  private final Parser<Compare> optionalCompare;

  /** One modifier, dispatched on its first character. */
  private final Parser<Mod> modifier;

  /** Zero or more modifiers, with the text they were written as. */
  final Parser<WithSource<List<Mod>>> modifiers;

  private ModifierGrammar(boolean fastPaths) {
    this.fastPaths = fastPaths;
    compareWithOp = wholeOrStepwise(WITH_OP_PATTERN, sequence(OP, SIGNED, Compare::new).label(WITH_OP_NAME));
    compare =
        wholeOrStepwise(
            COMPARE_PATTERN,
            Parsers.or(compareWithOp, NUMBER.map(n -> new Compare(Compare.Op.EQ, Literals.number(n)))).label(COMPARE_NAME));
    optionalCompare = optionalCompare();
    modifier = modifier();
    Parser<Mod> stepwise = peekAmong(STARTS).ifelse(modifier, Parsers.<Mod>never());
    Parser<Mod> one = fastPaths ? FAST_MODIFIER.ifelse(t -> Parsers.constant(fastModifier(t.index(), (String) t.value())), stepwise) : stepwise;
    modifiers = one.many().withSource();
  }

  /**
   * A compare point matched by {@code whole} in one pattern step; where {@code whole} does not
   * match, the step-by-step parser (which accepts the same text, and says what is wrong where
   * it is not a compare point).
   */
  private Parser<Compare> wholeOrStepwise(Pattern whole, Parser<Compare> stepwise) {
    if (!fastPaths) return stepwise;
    return whole.toScanner("a compare point").source().ifelse(text -> Parsers.constant(compareOf(text)), stepwise);
  }

  /** {@code >=7}, {@code <-1}, {@code 6} as a compare point. */
  private static Compare compareOf(String text) {
    return FastModifier.compare(text, 0, text.length());
  }

  /**
   * A compare point or null (no Optional per modifier); parsed only when the next character can
   * start one. Otherwise null, noting for error messages that one could have stood here, as the
   * labels of a failed {@code COMPARE} do.
   */
  private Parser<Compare> optionalCompare() {
    return peekAmong("<>=0123456789").ifelse(
        compare.optional(null),
        Parsers.or(Parsers.expect(WITH_OP_NAME), Parsers.expect(COMPARE_NAME), Parsers.constant(null)));
  }

  private static Parser<Void> word(String w) {
    return Scanners.stringCaseInsensitive(w);
  }

  /** {@code !}, {@code !!} (compound) or {@code !p} (penetrate), in one pattern step. */
  private static final Parser<String> EXPLODE =
      Patterns.isChar('!').next(Patterns.among("!pP").optional()).toScanner("!").source();

  /** Avrae's {@code e}: explode. */
  private Parser<Mod> explode(String spelling, Explode kind) {
    return sequence(INDEX, word(spelling), optionalCompare, (i, v, c) -> (b, min) -> b.explode(kind, c, i));
  }


  private Parser<Mod> reroll(String spelling, boolean once) {
    return sequence(
        INDEX, word(spelling), optionalCompare,
        (i, v, c) -> (b, min) -> b.reroll(once, c != null ? c : new Compare(Compare.Op.EQ, min), i));
  }

  private Parser<Mod> unique(String spelling, boolean once) {
    return sequence(INDEX, word(spelling), optionalCompare, (i, v, c) -> (b, min) -> b.unique(once, c, i));
  }

  private static Parser<Mod> keepDrop(String spelling, boolean keep, boolean highest, boolean countRequired) {
    Parser<String> count = countRequired ? DIGITS : DIGITS.optional("1");
    return sequence(
        INDEX, word(spelling), count,
        (i, v, n) -> {
          int c = Literals.smallInt(n, "a keep/drop count", i + spelling.length());
          return (b, min) -> b.keepDrop(new KeepDrop(keep, highest, c));
        });
  }

  private static Parser<Mod> clamp(String spelling, boolean isMin) {
    return sequence(
        INDEX, word(spelling), SIGNED.label("a number"),
        (i, v, n) -> {
          int bound = Literals.smallInt(n, "a min/max bound", i + spelling.length());
          return (b, min) -> {
            if (isMin) b.clampMin(bound, i);
            else b.clampMax(bound, i);
          };
        });
  }

  private Parser<Mod> crit(String spelling, boolean success) {
    return sequence(
        INDEX, word(spelling), optionalCompare,
        (i, v, c) -> (b, min) -> {
          if (success) b.critSuccess(c, i);
          else b.critFailure(c, i);
        });
  }

  private static Parser<Mod> sort(String spelling, DiceMods.Sort s) {
    return sequence(INDEX, word(spelling), (i, v) -> (b, min) -> b.sort(s, i));
  }

  /**
   * The modifiers grouped by their first letter, each group behind a one-character check: a
   * modifier costs a few failed steps, not one per spelling before it. Within a group the longer
   * spellings come first ({@code kh} before {@code k}); groups start differently, so their order
   * only matters for speed (the common ones first).
   */
  private Parser<Mod> modifier() {
    return byFirstCharacter(
          startingWith("kK",
              keepDrop("kh", true, true, false),
              keepDrop("kl", true, false, false),
              keepDrop("k", true, true, false)),
          startingWith("!",
              sequence(INDEX, EXPLODE, optionalCompare, (i, spelling, c) -> (b, min) -> b.explode(FastModifier.explodeKind(spelling, 0, spelling.length()), c, i))),
          startingWith("<>=", compareWithOp.map(c -> (b, min) -> b.success(c))),
          startingWith("dD",
              keepDrop("dh", false, true, false),
              keepDrop("dl", false, false, false),
              keepDrop("d", false, false, true)),
          startingWith("rR",
              reroll("ro", true),
              reroll("rr", false),
              reroll("r", false)),
          startingWith("eE", explode("e", Explode.EXPLODE)),
          startingWith("pP",
              keepDrop("ph", false, true, false),
              keepDrop("pl", false, false, false),
              keepDrop("p", false, false, false)),
          startingWith("mM",
              clamp("min", true),
              clamp("max", false),
              clamp("mi", true),
              clamp("ma", false)),
          startingWith("sS",
              sort("sa", DiceMods.Sort.ASCENDING),
              sort("sd", DiceMods.Sort.DESCENDING),
              sort("s", DiceMods.Sort.ASCENDING)),
          startingWith("cC",
              crit("cs", true),
              crit("cf", false)),
          startingWith("uU",
              unique("uo", true),
              unique("u", false)),
          startingWith("fF", sequence(word("f"), compare, (v, c) -> (b, min) -> b.failure(c))),
          startingWith("tT", sequence(word("t"), compare, (v, c) -> (b, min) -> b.doubleSuccess(c))));
  }

  /** The modifiers that start with one of {@code firstChars}, longer spellings first. */
  private static final class Group {
    final String firstChars;
    final Parser<Mod> spellings;

    Group(String firstChars, Parser<Mod> spellings) {
      this.firstChars = firstChars;
      this.spellings = spellings;
    }
  }

  @SafeVarargs
  private static Group startingWith(String firstChars, Parser<Mod>... spellings) {
    return new Group(firstChars, Parsers.or(spellings));
  }

  /**
   * The group whose first characters hold the next character: one look per group before it and
   * no error recorded for those (the groups start differently, so at most one can match).
   */
  private static Parser<Mod> byFirstCharacter(Group... groups) {
    Parser<Mod> rest = Parsers.never();
    for (int k = groups.length - 1; k >= 0; k--) rest = peekAmong(groups[k].firstChars).ifelse(groups[k].spellings, rest);
    return rest;
  }

  /** Whether the next character is one of {@code chars}, consuming nothing: one pattern step. */
  private static Parser<Void> peekAmong(String chars) {
    return Patterns.among(chars).peek().toScanner("[" + chars + "]");
  }

  /** Every character a modifier can start with; one cheap check ends the modifiers of a term. */
  static final String STARTS = "!eErRuUkKdDpPmMcCsSfFtT<>=";

  /** The commonest modifiers ({@code kh3}, {@code !>8}) as one pattern step each: see {@link FastModifier}. */
  private static final Parser<Token> FAST_MODIFIER = FastModifier.PATTERN.toScanner("a modifier").source().token();

  /** A modifier matched by {@link FastModifier}, at {@code position}. */
  private static Mod fastModifier(int position, String text) {
    return FastModifier.mod(position, text, 0, text.length());
  }

  // last: the builds use the static parsers above
  static final ModifierGrammar FAST = new ModifierGrammar(true);
  static final ModifierGrammar STEPWISE = new ModifierGrammar(false);
}
