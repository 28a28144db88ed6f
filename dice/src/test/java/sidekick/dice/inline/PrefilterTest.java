package sidekick.dice.inline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sidekick.dice.Dice;
import sidekick.dice.DiceLimits;
import sidekick.dice.FuzzInputs;
import sidekick.dice.InlineMatch;
import sidekick.dice.SavedRolls;
import sidekick.dice.parse.DiceParser;
import sidekick.dice.parse.ParseCache;

/**
 * The finder's cheap checks (die look-ahead with indexOf, stopping after the last die, skipping
 * word interiors, the parse cache) must never change what it finds. The same finder without them
 * tries every start with a full jparsec prefix parse; both must agree on fuzzed expressions and on
 * generated chat, with a fixed seed.
 */
class PrefilterTest {
  private static final List<String> SEEDS =
      List.of(
          "4d6kh3", "1d20+5", "10d10!>8", "(2d6+3)*2", "{4d6, 3d8}kh1", "3d6 [fire]", "repeat(3d6, 6, brief)", "1d6!!",
          "5d10>=7f1t10", "4d6r<3ro1", "4dF.1", "4df", "(1d4)d(2+4)", "max(1d4, 2, floor(7/2))", "2^-1**3", "$atk + 1",
          "d%", "8d6!p", "1d20 - the orc", "[[1d4]]", "[[5+3]]", "ceil (1d6/2)", "D20", "d20s");
  private static final String[] WORDS = {
    "I", "swing", "for", "the", "orc", "and", "roll", "d", "D1", "room", "14", "gold", "hits,", "then", "(", ")", "-", "+",
    "dmg.", "ad", "1d", "d0", "$atk", "$gold", "`", "```", "www.", "https://a.b/", "<@12>", "[[", "]]", "é", "😀", "\n",
    "#", "floor(", "max", "repeat(", "{", "}", "[fire]", "2", "3d", "dd6", "_d6", "5.", "kh3", "max (", "x",
    "{1, 2}kh1", "*", "2,", ";", "x5", "1.5", "\t", "3 *", "$atk +", "!", ">=", "(a", "(see", "((", "( d", "(D", "(max"
  };

  private final Dice dice = new Dice();
  private final SavedRolls saved = SavedRolls.of(Map.of("atk", "1d20+5", "dmg", "2d6"));
  private final InlineFinder exhaustive =
      new InlineFinder(new DiceParser(DiceLimits.DEFAULTS, dice), new ParseCache(0), DiceLimits.DEFAULTS, false);

  @Test
  void agreesWithTheExhaustiveFinderOnFuzzedExpressions() {
    SplittableRandom random = new SplittableRandom(20261122);
    for (int i = 0; i < 4_000; i++) {
      String input = i % 2 == 0 ? FuzzInputs.randomString(random) : FuzzInputs.mutate(random, SEEDS.get(random.nextInt(SEEDS.size())));
      assertAgree(input + " and " + input);
      assertAgree("I roll " + input + ", ok");
    }
  }

  @Test
  void agreesWithTheExhaustiveFinderOnGeneratedChat() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 4_000; i++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(14);
      for (int k = 0; k < parts; k++) {
        int kind = random.nextInt(10);
        if (kind < 5) text.append(WORDS[random.nextInt(WORDS.length)]);
        else if (kind < 8) text.append(FuzzInputs.mutate(random, SEEDS.get(random.nextInt(SEEDS.size()))));
        else text.append(SEEDS.get(random.nextInt(SEEDS.size())));
        text.append(random.nextInt(4) == 0 ? "" : " ");
      }
      assertAgree(text.toString());
    }
  }

  @Test
  void findsWhatTheGrammarAllows() {
    // lowercase fudge dice are valid notation; an older pre-filter looked only for dF
    assertThat(dice.findInline("I roll 4df and 4dfkh2")).extracting(InlineMatch::source).containsExactly("4df", "4dfkh2");
    // nothing after the last die is tried, yet forced rolls after it are still found
    assertThat(dice.findInline("2d6 then a long tail without dice [[5+3]] and more words"))
        .extracting(InlineMatch::source)
        .containsExactly("2d6", "5+3");
    // what stands before the first die: numbers and operators join the roll, a group too
    assertThat(dice.findInline("we add 3 * 2 + 1d6 gold, sum {1, 2}kh1 + 1d6 now"))
        .extracting(InlineMatch::source)
        .containsExactly("3 * 2 + 1d6", "{1, 2}kh1 + 1d6");
  }

  @Test
  void closingBracketsBeforeTheFirstDieNeedNoSlowScan() {
    // only ( { [ $ can open a roll before its first die; a lone closer cannot stand inside one
    for (String text :
        List.of(
            "a) 2 + 1d6", "x] 3 + 1d6 ok", "} 1d6", "note) then 2d6", "[fire] 2 + 1d6", "3 [x] + 1d6", "(2 + 3) * 1d6",
            "{1, 2} + 1d6", "ok) (1 + 2d6) x", "$atk) + 1d6", "]] 2 * 1d4", ")(1d4)")) {
      assertAgree(text);
    }
  }

  @Test
  void aParenthesisBeforeAPlainWordIsNotParsed() {
    // the shortcut skips the failing parse from "("; the die inside still rolls from its own start
    for (String text :
        List.of(
            "I hit him (a 1d4) and go", "(see 2d6)", "((a 1d4))", "( ( word 1d4 ) )", "(a)1d4", "(d 1d4)", "(d)", "(dx 1d6)",
            "(max (1d4, 2)) and (max\t(1d4, 2))", "(floor(1d4/2))", "(repeat (1d4, 2))", "(dF + 1d4)", "(d% + 1d4)", "(d(3) + 1d4)",
            "(D20 + 1)", "(x(1d4))", "(- a 1d4)", "(a1 1d4)", "(é 1d4)", "(1d4 a)", "$atk (a 1d6)", "( \t a 1d4)")) {
      assertAgree(text);
    }
    assertThat(InlineFinder.opensOnAPlainWord("(a 1d4)", 0, 7)).isTrue();
    assertThat(InlineFinder.opensOnAPlainWord("( (see 2d6)", 0, 11)).isTrue();
    assertThat(InlineFinder.opensOnAPlainWord("(d20)", 0, 5)).isFalse();
    assertThat(InlineFinder.opensOnAPlainWord("(max\t(1, 2))", 0, 13)).isFalse();
    assertThat(InlineFinder.opensOnAPlainWord("(2 + a)", 0, 7)).isFalse();
    assertThat(dice.findInline("I hit him (a 1d4) and go")).extracting(InlineMatch::source).containsExactly("1d4");
  }

  @Test
  void cheapTriggerSearchesFindWhatStringSearchesFind() {
    SplittableRandom random = new SplittableRandom(99);
    String alphabet = "[]:/ ab";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(12);
      for (int k = 0; k < len; k++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String text = sb.toString();
      assertThat(InlineFinder.containsSchemeSeparator(text)).as(text).isEqualTo(text.contains("://"));
      for (int from = 0; from <= text.length() + 1; from++) {
        assertThat(InlineFinder.indexOfDoubleBracket(text, from)).as("%s from %d", text, from).isEqualTo(text.indexOf("[[", from));
      }
    }
  }

  private void assertAgree(String text) {
    for (SavedRolls s : List.of(SavedRolls.NONE, saved)) {
      assertThat(describe(dice.findInline(text, s))).as("<%s>", text).isEqualTo(describe(exhaustive.find(text, s)));
    }
  }

  private static List<String> describe(List<InlineMatch> matches) {
    return matches.stream()
        .map(m -> m.start() + "-" + m.end() + " " + m.source() + (m.forced() ? " forced" : "") + (m.ok() ? "" : " error " + m.error().getMessage()))
        .toList();
  }
}
