package sidekick.dice.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sidekick.dice.Dice;
import sidekick.dice.DiceException;
import sidekick.dice.DiceExpression;
import sidekick.dice.DiceLimits;
import sidekick.dice.FuzzInputs;
import sidekick.dice.RandomSource;
import sidekick.dice.RollResult;
import sidekick.dice.SavedRolls;

/**
 * The grammar's one-pattern shortcuts (a whole operand, an operator with its operand, a run of
 * both, a term, a compare point, a keep/drop or explosion with its number) must not change the language: the
 * grammar built without them parses every input to the same expression, or fails with the same
 * message at the same position. Compared on fuzzed text, on generated expressions made of the
 * shapes the shortcuts take and their near misses, and as the inline finder's longest prefix;
 * fixed seeds.
 */
class FastPathTest {
  private static final List<String> SEEDS =
      List.of(
          "4d6kh3", "1d20+5", "10d10!>8", "(2d6+3)*2", "{4d6, 3d8}kh1", "3d6 [fire] # hi", "repeat(3d6, 6, brief)",
          "1d6!!", "5d10>=7f1t10", "4d6r<3ro1", "4dF.1", "(1d4)d(2+4)", "max(1d4, 2, floor(7/2))", "2^-1**3", "$atk + 1",
          "20d6u", "4d6min2max5sa", "1d20cs>=19cf2", "d%", "8d6!p", "2d6 + 3 * 2", "4d6d1", "3d8!p>=7 - 2", "5 + d20kl2");

  /** Operands the shortcuts take, and near misses that must fall through to the general grammar. */
  private static final String[] OPERANDS = {
    "5", "12", "0", "007", "2.5", "3.", ".5", "1d20", "d20", "4d6", "2d%", "D8", "4D6", "0d6", "01d6", "1d0", "d", "4d", "4dF",
    "3df.1", "1d1", "9999d6", "1d99999999999999", "(5)", "(1d4)d6", "3d(2+4)", "$atk", "{4d6, 3d8}", "max(1d4, 2)", "-5", "+d6",
    "- 4d6kh3", "1d2!", "1d1!"
  };
  private static final String[] MODIFIERS = {
    "", "", "", "kh3", "kl1", "k2", "K3", "KH2", "kL1", "k", "kh", "kl", "k0", "kh9999999999", "dh1", "dl2", "d1", "Dl1", "d", "dh",
    "ph1", "pl", "p2", "P1", "p", "!", "!!", "!p", "!P", "!>8", "!>=9", "!<2", "!<=3", "!=6", "!6", "!>-1", "!>", "!>8.5",
    "!!>=5", "!p>9", "!P5", "!>=", "!=-", "r1", "ro<2", "rr", "e", "e>5", "u", "uo", "s", "sd", "min2", "max5", "cs>19", "cf1",
    ">=7", ">7", "=6", "<2", "f1", "t10", "x", "kh3!>8", "!>8kh3", "d1d1", "kh3kh2", "!>1", "!1", "kh3 ", "!>8 [x]"
  };
  private static final String[] OPERATORS = {"+", "-", "*", "/", "%", "^", "**"};
  private static final String[] BAD_OPERATORS = {"* *", "+-", "--", "x", ",", ""};
  private static final String[] SPACES = {"", "", "", " ", "  ", "\t"};
  private static final String[] TAILS = {"", "", " ", " # note", " [fire]", " [open", ")", "]", " the orc", "kh1", "!", "d6", ".5"};

  private final Dice dice = new Dice();
  private final DiceParser fast = new DiceParser(DiceLimits.DEFAULTS, dice, true);
  private final DiceParser stepwise = new DiceParser(DiceLimits.DEFAULTS, dice, false);
  private final SavedRolls saved = SavedRolls.of(Map.of("atk", "1d20+5", "dmg", "2d6"));
  private int parsed;
  private int refused;

  @Test
  void fuzzedTextParsesAlikeWithAndWithoutTheShortcuts() {
    SplittableRandom random = new SplittableRandom(20261123);
    for (int i = 0; i < 12_000; i++) {
      String input = i % 2 == 0 ? FuzzInputs.randomString(random) : FuzzInputs.mutate(random, SEEDS.get(random.nextInt(SEEDS.size())));
      assertAgree(input);
    }
    assertThat(parsed).isGreaterThan(1_000);
    assertThat(refused).isGreaterThan(3_000);
  }

  @Test
  void generatedExpressionsParseAlikeWithAndWithoutTheShortcuts() {
    SplittableRandom random = new SplittableRandom(23);
    for (int i = 0; i < 20_000; i++) assertAgree(expression(random, 0));
    assertThat(parsed).isGreaterThan(5_000);
    assertThat(refused).isGreaterThan(3_000);
  }

  @Test
  void theBenchmarkExpressionsAndTheirNeighboursParseAlike() {
    for (String e : List.of("1d20+5", "4d6kh3", "10d10!>8", "(2d6+3)*2", "1d20 + 5", "4d6kh3 ", " 10d10!>8 [x]", "2d6+3 slashing")) {
      assertAgree(e);
    }
    assertThat(parsed).isEqualTo(7);
  }

  @Test
  void chainsOfPlainOperandsParseAlike() {
    // one step takes a whole run of plain operands and operators; in the outermost expression a
    // run to the end is the whole expression. Long runs, runs broken by a label, a bracket or a bad
    // term, runs inside brackets left open (whose error names the operator that could follow)
    SplittableRandom random = new SplittableRandom(2611);
    String[] openers = {"", "", "", "(", "((", "( ", "-", "{", "max(", "2*("};
    String[] closers = {"", "", "", ")", "))", ") ", "}", "}kh1", ")*2", " )"};
    for (int i = 0; i < 6_000; i++) {
      StringBuilder sb = new StringBuilder(pick(random, SPACES)).append(pick(random, openers));
      int operands = 1 + random.nextInt(8);
      for (int k = 0; k < operands; k++) {
        if (k > 0) sb.append(pick(random, SPACES)).append(pick(random, random.nextInt(12) == 0 ? BAD_OPERATORS : OPERATORS)).append(pick(random, SPACES));
        int kind = random.nextInt(12);
        if (kind == 0) sb.append(pick(random, OPERANDS));
        else if (kind == 1) sb.append(diceOrNumber(random)).append(pick(random, MODIFIERS));
        else sb.append(diceOrNumber(random)).append(random.nextInt(4) == 0 ? pick(random, MODIFIERS) : "");
        if (random.nextInt(20) == 0) sb.append(pick(random, SPACES)).append("[x]");
      }
      sb.append(pick(random, SPACES)).append(pick(random, closers));
      if (random.nextInt(4) == 0) sb.append(pick(random, TAILS));
      assertAgree(sb.toString());
    }
    assertThat(parsed).isGreaterThan(700);
    assertThat(refused).isGreaterThan(2_000);
  }

  @Test
  void theShortcutsSpaceCheckIsCharacterIsWhitespace() {
    // the shortcuts answer "a space?" by a comparison for printable ASCII: the same answer as the
    // general grammar's Character.isWhitespace for every char
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      assertThat(OperandPattern.isSpace((char) c)).as("U+%04X", c).isEqualTo(Character.isWhitespace((char) c));
    }
  }

  @Test
  void chainsWithEveryKindOfSpaceParseAlike() {
    // spaces the shortcuts read by their own check, and characters that look like spaces but are
    // not whitespace to the grammar (no-break spaces), around and between operands of a run
    SplittableRandom random = new SplittableRandom(71123);
    String[] spaces = {"", " ", "\t", "\u000B", "\f", "\r", "\u001C", "\u001F", "\u2003", "\u3000", "\u00A0", "\u2007", "\u0085", "\n"};
    for (int i = 0; i < 2_000; i++) {
      assertAgree(plainRun(random, pick(random, spaces), spaces).append(pick(random, spaces)).toString());
    }
    assertThat(parsed).isGreaterThan(500);
    assertThat(refused).isGreaterThan(100);
  }

  @Test
  void aChainToTheEndKeepsTheErrorsOfWhatCouldFollowIt() {
    for (String e : List.of("(2d6+3", "((1d4 + 2 * 3)", "max(1d4, 2d6+3", "{2d6+3, 1", "2d6+3)", "2d6+3 )", "1d20+5 x", "4d6kh3 +", "1d6+0d6",
        "1d6 + 2 + 1d0", "2d6+3 [fire", "2d6+3 [fire]", "2^3^2", "-2d6+3", "2d6+3 ")) {
      assertAgree(e);
    }
    assertThat(describe(() -> fast.parse("(2d6+3"))).isEqualTo("error at 6: expected an operator or ')' at position 6, found the end of the expression");
  }

  @Test
  void aWholeTextOfPlainOperandsParsesAlike() {
    // one step takes the whole text when it is one run of plain operands (spaces around it
    // included): as an expression and as the finder's longest prefix, with its bad terms and near
    // misses (a label, a bracket, an operator left open, a second modifier, a line break)
    SplittableRandom random = new SplittableRandom(61123);
    String[] around = {"", "", " ", "  ", "\t", "\n", " \n "};
    String[] ends = {"", "", "", " [x]", ")", " +", "kh1", "!", " the orc", "\n2"};
    for (int i = 0; i < 4_000; i++) {
      StringBuilder sb = plainRun(random, pick(random, around), SPACES);
      sb.append(pick(random, around)).append(random.nextInt(3) == 0 ? pick(random, ends) : "");
      assertAgree(sb.toString());
    }
    for (String e : List.of("1d4", " 1d4 ", "2d6+3", "\t2d6 + 3\n", "0d6+1", "1d6+01d6", "1d20 * 1d0", "4d6kh3kh2", "2.5*2")) assertAgree(e);
    assertThat(parsed).isGreaterThan(2_000);
    assertThat(refused).isGreaterThan(300);
  }

  /**
   * {@code start}, then 1-4 operands (dice and numbers, now and then a near miss), each maybe with
   * a modifier, joined by operators with {@code spaces} around them.
   */
  private static StringBuilder plainRun(SplittableRandom r, String start, String[] spaces) {
    StringBuilder sb = new StringBuilder(start);
    int operands = 1 + r.nextInt(4);
    for (int k = 0; k < operands; k++) {
      if (k > 0) sb.append(pick(r, spaces)).append(pick(r, OPERATORS)).append(pick(r, spaces));
      sb.append(r.nextInt(8) == 0 ? pick(r, OPERANDS) : diceOrNumber(r)).append(r.nextInt(3) == 0 ? pick(r, MODIFIERS) : "");
    }
    return sb;
  }

  private String expression(SplittableRandom r, int depth) {
    StringBuilder sb = new StringBuilder(pick(r, SPACES));
    int operands = 1 + r.nextInt(4);
    for (int k = 0; k < operands; k++) {
      if (k > 0) sb.append(pick(r, SPACES)).append(pick(r, r.nextInt(10) == 0 ? BAD_OPERATORS : OPERATORS)).append(pick(r, SPACES));
      int kind = r.nextInt(10);
      if (kind == 0 && depth < 2) sb.append('(').append(expression(r, depth + 1)).append(')');
      else if (kind == 1) sb.append(pick(r, OPERANDS));
      else if (kind == 2) sb.append(FuzzInputs.mutate(r, pick(r, OPERANDS) + pick(r, MODIFIERS)));
      else sb.append(diceOrNumber(r)).append(r.nextBoolean() ? "" : pick(r, MODIFIERS));
      if (r.nextInt(8) == 0) sb.append(pick(r, SPACES)).append(r.nextBoolean() ? "[cold]" : "[");
    }
    return sb.append(pick(r, SPACES)).append(depth == 0 && r.nextInt(3) == 0 ? pick(r, TAILS) : "").toString();
  }

  private static String diceOrNumber(SplittableRandom r) {
    String count = r.nextInt(3) == 0 ? "" : Integer.toString(1 + r.nextInt(r.nextBoolean() ? 9 : 120));
    if (r.nextInt(5) == 0) return count.isEmpty() ? "7" : count + (r.nextInt(4) == 0 ? ".5" : "");
    String sides = r.nextInt(6) == 0 ? "%" : Integer.toString(1 + r.nextInt(r.nextBoolean() ? 20 : 200));
    return count + (r.nextInt(6) == 0 ? "D" : "d") + sides;
  }

  private static String pick(SplittableRandom r, String[] from) {
    return from[r.nextInt(from.length)];
  }

  private void assertAgree(String input) {
    String withShortcuts = describe(() -> fast.parse(input));
    assertThat(withShortcuts).as("parse <%s>", input).isEqualTo(describe(() -> stepwise.parse(input)));
    if (withShortcuts.startsWith("error")) refused++;
    else parsed++;
    for (String prefixInput : List.of(input + " the orc", input)) {
      assertThat(describe(() -> fast.longestPrefix(prefixInput)))
          .as("longest prefix of <%s>", prefixInput)
          .isEqualTo(describe(() -> stepwise.longestPrefix(prefixInput)));
    }
  }

  /** Everything a parse decides: the text, the tree as two seeded rolls show it, or the error. */
  private String describe(java.util.function.Supplier<DiceExpression> parse) {
    DiceExpression e;
    try {
      e = parse.get();
    } catch (DiceException ex) {
      return "error at " + ex.position() + ": " + ex.getMessage();
    }
    if (e == null) return "none";
    StringBuilder sb = new StringBuilder("<").append(e.text()).append("> # <").append(e.comment()).append("> real die: ").append(e.hasRealDie());
    for (long seed = 1; seed <= 2; seed++) {
      try {
        RollResult r = e.roll(RandomSource.seeded(seed), saved);
        sb.append("\n").append(r.total()).append(" ").append(r.plain()).append(" | ").append(r.markdown()).append(" | ").append(r.dice());
      } catch (DiceException ex) {
        sb.append("\nroll error at ").append(ex.position()).append(": ").append(ex.getMessage());
      }
    }
    return sb.toString();
  }
}
