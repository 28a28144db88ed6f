package sidekick.bot.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sidekick.bot.commands.CommandTrigger;
import sidekick.bot.commands.Origin;
import sidekick.bot.commands.ShardCommands;
import sidekick.bot.testing.InMemoryCore;

class ConsoleShardTest {
  final InMemoryCore core = new InMemoryCore();
  final Origin origin = new Origin("console", "console", "me", "me", true);

  String session(String input) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ConsoleShard shard =
        new ConsoleShard(
            new ShardCommands(core, CommandTrigger.defaults()),
            origin,
            new PlainLineSource(new BufferedReader(new StringReader(input)), null),
            out,
            Duration.ofSeconds(5));
    shard.run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachLineIsACommandInTheLocalChannel() throws Exception {
    String out = session("/r 2d6\nhello there\n\n");
    assertThat(out).contains("rolled 2d6").contains("(no reply");
    assertThat(core.commands).extracting(c -> c.channel() + "|" + c.text()).containsExactly("console|/r 2d6", "console|hello there");
  }

  @Test
  void historyAndRepeat() throws Exception {
    String out = session("/r 1d4\n/r 1d6\nhistory\n!1\n!9\nexit\n/r never\n");
    assertThat(out).contains("   1  /r 1d4").contains("   2  /r 1d6").contains("no line 9");
    assertThat(core.commands).extracting(c -> c.text()).containsExactly("/r 1d4", "/r 1d6", "/r 1d4");
  }

  @Test
  void plugsFromDisk(@TempDir Path dir) throws Exception {
    Path wasm = dir.resolve("crit.wasm");
    Files.write(wasm, new byte[] {0, 'a', 's', 'm'});
    String out = session("/plug add crit " + wasm + "\n/plug ls\n/plug add x " + dir.resolve("missing.wasm") + "\n/plug rm crit\n/plug\n");
    assertThat(out).contains("Plug **crit** installed").contains("**crit**").contains("no such file").contains("removed").contains("usage:");
    assertThat(core.plugs.get("console")).isEmpty();
  }

  @Test
  void coreDownIsReportedNotThrown() throws Exception {
    core.failNext(1);
    String out = session("/r 1d20\n/stats 1d2\n");
    assertThat(out).contains("can't reach my dice engine").contains("mean 1.5000");
  }
}
