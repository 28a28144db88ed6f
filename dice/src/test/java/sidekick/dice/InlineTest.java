package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InlineTest {
  private final Dice dice = new Dice();

  private List<String> found(String text) {
    return dice.findInline(text).stream().map(InlineMatch::source).toList();
  }

  @Test
  void findsRollsInChat() {
    List<InlineMatch> m = dice.findInline("I swing for 2d6+3 slashing");
    assertThat(m).hasSize(1);
    assertThat(m.get(0).source()).isEqualTo("2d6+3");
    assertThat(m.get(0).start()).isEqualTo(12);
    assertThat(m.get(0).end()).isEqualTo(17);
    assertThat(m.get(0).forced()).isFalse();
  }

  @Test
  void trailingWordsStayText() {
    assertThat(found("1d20 - the orc")).containsExactly("1d20");
    assertThat(found("attack 1d20+5, then 2d8 + 1d6 fire")).containsExactly("1d20+5", "2d8 + 1d6");
    assertThat(found("roll d20.")).containsExactly("d20");
    assertThat(found("(4d6kh3) for strength")).containsExactly("(4d6kh3)");
  }

  @Test
  void modifiersFunctionsLabelsAndGroupsStayWhole() {
    assertThat(found("roll d%kh1 and 4dFkh2 then floor(1d6/2) dmg")).containsExactly("d%kh1", "4dFkh2", "floor(1d6/2)");
    assertThat(found("cast 8d6 [fire] + 1d4 [cold] now")).containsExactly("8d6 [fire] + 1d4 [cold]");
    assertThat(found("stats repeat(4d6kh3, 6, short sum) ok")).containsExactly("repeat(4d6kh3, 6, short sum)");
    assertThat(found("{4d6, 3d8}kh1 or (1d4)d6!")).containsExactly("{4d6, 3d8}kh1", "(1d4)d6!");
  }

  @Test
  void severalRollsPerMessage() {
    assertThat(found("2d6 and 1d8 and 4dF and d%")).containsExactly("2d6", "1d8", "4dF", "d%");
  }

  @Test
  void notRolls() {
    assertThat(found("the room D1 is locked")).isEmpty();
    assertThat(found("d0 is not a die")).isEmpty();
    assertThat(found("I have 3 apples and 20 gold")).isEmpty();
    assertThat(found("add 2 + 3")).isEmpty();
    assertThat(found("hold my dd6 and d20s")).containsExactly("d20s"); // dd6 is not at a word boundary for a die
    assertThat(found("mid1d6word")).isEmpty();
    assertThat(found("")).isEmpty();
  }

  @Test
  void forcedRolls() {
    List<InlineMatch> m = dice.findInline("total [[5+3]] and [[1d6+]] and 1d4");
    assertThat(m).extracting(InlineMatch::source).containsExactly("5+3", "1d6+", "1d4");
    assertThat(m.get(0).forced()).isTrue();
    assertThat(m.get(0).start()).isEqualTo(6);
    assertThat(m.get(0).end()).isEqualTo(13);
    assertThat(m.get(1).ok()).isFalse();
    assertThat(m.get(1).error().getMessage()).contains("expected");
    assertThat(m.get(2).forced()).isFalse();
  }

  @Test
  void forcedRollsShareTheEnginesParseCache() {
    // a forced roll is parsed as Dice.parse would: cached when valid (each way finds the other's
    // entry), never cached when invalid, and parsed anew every time with the cache off
    Dice engine = new Dice();
    DiceExpression forced = engine.findInline("bleed [[ 1d4+1 ]]").get(0).expression();
    assertThat(engine.parse(" 1d4+1 ")).isSameAs(forced);
    DiceExpression parsed = engine.parse("2d8");
    assertThat(engine.findInline("[[2d8]]").get(0).expression()).isSameAs(parsed);
    InlineMatch bad = engine.findInline("[[1d]]").get(0);
    assertThatThrownBy(() -> engine.parse("1d")).isInstanceOf(DiceException.class).hasMessage(bad.error().getMessage());
    Dice uncached = new Dice(DiceLimits.DEFAULTS.withParseCacheSize(0));
    assertThat(uncached.findInline("[[1d4]]").get(0).expression()).isNotSameAs(uncached.findInline("[[1d4]]").get(0).expression());
  }

  @Test
  void codeAndUrlsAreSkipped() {
    assertThat(found("`1d20` and ``2d6`` and 1d4")).containsExactly("1d4");
    assertThat(found("```\n1d20\n``` then 1d6")).containsExactly("1d6");
    assertThat(found("see https://example.com/1d20/4d6 and www.d20.com/3d6 then 1d8")).containsExactly("1d8");
    assertThat(found("WwW.d20.com/3d6 then 1d8")).containsExactly("1d8");
    assertThat(found("hey <@123456> roll 1d6 <:d20:999>")).containsExactly("1d6");
    assertThat(found("`[[1d20]]` stays")).isEmpty();
    // forced rolls between and beside code, URLs and mentions; a roll never runs into blocked text
    assertThat(found("[[1d4]]`x 1d6` [[2d6]]<@1> 3d6 https://d.x/[[1d8]] 1d10`4d6` 2 + 1d12<#3>"))
        .containsExactly("1d4", "2d6", "3d6", "1d10", "2 + 1d12");
    assertThat(found("1d6+`2` 1d8 [[d20]]+2 3 * [[1d4]]")).containsExactly("1d6", "1d8", "d20", "1d4");
  }

  @Test
  void offsetsAreUtf16() {
    List<InlineMatch> m = dice.findInline("😀 é 2d6");
    assertThat(m).hasSize(1);
    assertThat(m.get(0).start()).isEqualTo(5);
    assertThat("😀 é 2d6".substring(m.get(0).start(), m.get(0).end())).isEqualTo("2d6");
  }

  @Test
  void savedRollsOnlyWhenKnown() {
    SavedRolls saved = SavedRolls.of(Map.of("atk", "1d20+5"));
    assertThat(dice.findInline("it costs $gold, I roll $atk + 2", saved)).extracting(InlineMatch::source).containsExactly("$atk + 2");
    assertThat(dice.findInline("I roll $atk + 2")).isEmpty();
  }

  @Test
  void rollAllReplacesEachMatch() {
    InlineResult r = dice.rollInline("hit 1d20+5 for [[2d6]] dmg", RandomSource.seeded(5), SavedRolls.NONE);
    assertThat(r.rolls()).hasSize(2);
    InlineRoll first = r.rolls().get(0);
    assertThat(r.text()).startsWith("hit " + first.result().markdown() + " for ");
    assertThat(r.text()).endsWith(r.rolls().get(1).result().markdown() + " dmg");
    InlineResult bad = dice.rollInlinePlain("x [[1d]] y", RandomSource.seeded(5), SavedRolls.NONE);
    assertThat(bad.text()).startsWith("x [1d: expected").endsWith("] y");
  }

  @Test
  void rollAllWritesExactlyTheRenderingsOfItsRolls() {
    // the rolls are rendered straight into the text: each must read as its own markdown()/plain()
    Dice tiny = new Dice(DiceLimits.DEFAULTS.withMaxDice(5));
    List<String> texts =
        List.of(
            "no dice here",
            "4d6kh3",
            "hit 1d20+5 for [[2d6]] dmg",
            "x [[1d]] y, 3d6 [fire] + 2 # not a comment and [[1d4 # note]] then (1d4+9)d6 and {2d6, 1d8}kh1 end",
            "[[5+3]][[1d6!]]2d6 dF and 3dF.1 then 1d6 / 3 and 1d3 * 1.5 ok");
    for (String text : texts) {
      for (boolean markdown : new boolean[] {true, false}) {
        InlineResult r =
            markdown
                ? tiny.rollInline(text, RandomSource.seeded(11), SavedRolls.NONE)
                : tiny.rollInlinePlain(text, RandomSource.seeded(11), SavedRolls.NONE);
        StringBuilder expected = new StringBuilder();
        int at = 0;
        for (InlineRoll roll : r.rolls()) {
          expected.append(text, at, roll.match().start()).append(markdown ? roll.markdown() : roll.plain());
          at = roll.match().end();
        }
        expected.append(text.substring(at));
        if (text.contains("(1d4+9)d6")) assertThat(r.rolls()).anyMatch(roll -> !roll.ok() && !roll.match().forced());
        assertThat(r.text()).as(text).isEqualTo(expected.toString());
        assertThat(r.rolls().stream().map(roll -> roll.match().start() + "-" + roll.match().end()))
            .containsExactlyElementsOf(tiny.findInline(text).stream().map(m -> m.start() + "-" + m.end()).toList());
      }
    }
  }

  @Test
  void rollAllRendersExactly() {
    InlineResult r = dice.rollInline("hit 4d6kh3 and [[1d4 # fire]] or [[2d]]", Scripted.faces(4, 4, 6, 3, 1), SavedRolls.NONE);
    assertThat(r.text())
        .isEqualTo("hit 4d6kh3 (4, 4, **6**, ~~3~~) = `14` and 1d4 (**1**) = `1` — fire or *2d: " + r.rolls().get(2).error().getMessage() + "*");
    assertThat(r.rolls()).hasSize(3);
    assertThatThrownBy(() -> r.rolls().add(r.rolls().get(0))).isInstanceOf(UnsupportedOperationException.class);
    InlineResult none = dice.rollInline("nothing to roll", Scripted.faces(), SavedRolls.NONE);
    assertThat(none.text()).isEqualTo("nothing to roll");
    assertThat(none.rolls()).isEmpty();
  }

  @Test
  void boundedNumberOfRolls() {
    Dice few = new Dice(DiceLimits.DEFAULTS.withMaxInlineRolls(3));
    assertThat(few.findInline("1d4 1d4 1d4 1d4 1d4 [[1]]")).hasSize(3);
  }
}
