package sidekick.bot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sidekick.bot.core.CoreRejectedException;
import sidekick.bot.core.CoreUnavailableException;
import sidekick.bot.core.Distribution;
import sidekick.bot.core.PlugInfo;

class RepliesTest {
  @Test
  void longRepliesAreCutToOneMessage() {
    String shortText = "x".repeat(Replies.MAX_MESSAGE_CHARS);
    assertThat(Replies.fit(shortText)).isSameAs(shortText);
    String cut = Replies.fit("y".repeat(5000));
    assertThat(cut).hasSize(Replies.MAX_MESSAGE_CHARS).endsWith("*(cut)*");
    // A surrogate pair is never split.
    String emoji = "🎲".repeat(1500);
    String fitted = Replies.fit(emoji);
    assertThat(fitted.length()).isLessThanOrEqualTo(Replies.MAX_MESSAGE_CHARS);
    assertThat(Character.isHighSurrogate(fitted.charAt(fitted.indexOf('…') - 1))).isFalse();
  }

  @Test
  void failuresBecomePoliteMessages() {
    assertThat(Replies.forFailure(new CoreRejectedException(400, "bad dice at 3"))).isEqualTo("⚠️ bad dice at 3");
    assertThat(Replies.forFailure(new CoreUnavailableException("refused", null))).contains("try again");
    assertThat(Replies.forFailure(new IllegalStateException("boom"))).doesNotContain("boom").contains("went wrong");
  }

  @Test
  void distributionsAreBinnedIntoAChart() {
    List<Distribution.Point> pmf = new ArrayList<>();
    for (int v = 3; v <= 18; v++) pmf.add(new Distribution.Point(v, 1.0 / 16));
    String text = Replies.distribution(new Distribution("3d6", 3, 18, 10.5, 2.958, true, pmf));
    assertThat(text).contains("**3d6**: min 3, max 18, mean 10.5000").contains("```");
    assertThat(text.lines().filter(l -> l.contains("%"))).hasSize(16);

    pmf.add(new Distribution.Point(19, 0));
    String binned = Replies.distribution(new Distribution("x", 3, 19, 10.5, 3, false, pmf));
    assertThat(binned.lines().filter(l -> l.contains("%"))).hasSize(Replies.STATS_BARS);
    assertThat(binned).contains("approximate");
  }

  @Test
  void plugListsAndStats() {
    PlugInfo p = new PlugInfo("crit", "0123456789abcdef0123", 20480, "42", "2026-01-01", 10, 2, 150, 1200);
    assertThat(Replies.plugList(List.of(p))).contains("**crit**", "20 KiB", "`0123456789ab`", "<@42>");
    assertThat(Replies.plugStats(List.of(p))).contains("crit", "10", "1200");
    assertThat(Replies.plugList(List.of())).contains("No plugs");
  }
}
