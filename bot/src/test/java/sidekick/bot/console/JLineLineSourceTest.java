package sidekick.bot.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JLineLineSourceTest {
  @Test
  void readsLinesKeepsHistoryAndLeavesBangToTheConsole(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history");
    byte[] typed = "/r 1d6\n!1\n".getBytes(StandardCharsets.UTF_8);
    Terminal terminal =
        TerminalBuilder.builder().streams(new ByteArrayInputStream(typed), new ByteArrayOutputStream()).dumb(true).build();
    try (JLineLineSource lines = JLineLineSource.over(terminal, history)) {
      assertThat(lines.readLine("> ")).isEqualTo("/r 1d6");
      assertThat(lines.readLine("> ")).as("no event expansion by JLine").isEqualTo("!1");
      assertThat(lines.readLine("> ")).isNull();
    }
    assertThat(Files.readString(history)).contains("/r 1d6");
  }
}
