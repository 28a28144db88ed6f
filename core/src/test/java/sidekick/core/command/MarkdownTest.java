package sidekick.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {
  @Test
  void namesShowAsTypedNotAsFormattingOrMentions() {
    assertThat(Markdown.escape("Grog")).isEqualTo("Grog");
    assertThat(Markdown.escape("Grog the 2nd (elf)")).isEqualTo("Grog the 2nd (elf)");
    assertThat(Markdown.escape("*bold* _it_ ~s~ `c` |x| >q \\")).isEqualTo("\\*bold\\* \\_it\\_ \\~s\\~ \\`c\\` \\|x\\| \\>q \\\\");
    assertThat(Markdown.escape("@everyone")).isEqualTo("@\u200beveryone");
    assertThat(Markdown.escape("two\nlines\r")).isEqualTo("two lines ");
    assertThat(Markdown.escape(null)).isEmpty();
  }

  @Test
  void longRepliesAreCutSayingSo() {
    String cut = Markdown.truncate("x".repeat(3000), 2000);
    assertThat(cut).hasSize(2000).endsWith("*(reply cut: too long for chat)*");
    assertThat(Markdown.truncate("short", 2000)).isEqualTo("short");
  }
}
