package sidekick.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sidekick.bot.fakediscord.FakeDiscord;
import sidekick.bot.fakediscord.FakeGuild;
import sidekick.bot.fakediscord.FakeUser;
import sidekick.bot.fakediscord.Outgoing;
import sidekick.bot.load.LocalCore;

@Timeout(120)
class ShardCommandTest {
  @AfterEach
  void restoreEnvironment() {
    ShardCommand.env = System::getenv;
  }

  static void env(Map<String, String> vars) {
    ShardCommand.env = vars::get;
  }

  @Test
  void aShardKindMustBeNamed() {
    assertThat(Main.run("shard")).isEqualTo(Main.EXIT_BAD_INPUT);
  }

  @Test
  void helpWorksOnEveryShardCommand() {
    assertThat(Main.run("shard", "--help")).isZero();
    assertThat(Main.run("shard", "discord", "--help")).isZero();
    assertThat(Main.run("shard", "console", "--help")).isZero();
  }

  @Test
  void badInputExitsWithTwo() {
    env(Map.of("SIDEKICK_TOKEN", "t"));
    assertThat(Main.run("shard", "discord", "--core", "http://127.0.0.1:1")).as("no DISCORD_TOKEN").isEqualTo(2);
    env(Map.of("DISCORD_TOKEN", "d", "SIDEKICK_TOKEN", "t"));
    assertThat(Main.run("shard", "discord", "--core", "ftp://x")).isEqualTo(2);
    assertThat(Main.run("shard", "discord", "--core", "not a url")).isEqualTo(2);
    assertThat(Main.run("shard", "discord", "--core", "http://127.0.0.1:1", "--shards", "0")).as("no total").isEqualTo(2);
    assertThat(Main.run("shard", "discord", "--core", "http://127.0.0.1:1", "--shards", "3", "--shards-total", "2")).isEqualTo(2);
    assertThat(Main.run("shard", "discord", "--core", "http://127.0.0.1:1", "--discord-rest", "http://127.0.0.1:2/")).as("one endpoint only").isEqualTo(2);
    assertThat(Main.run("shard", "discord", "--core", "http://127.0.0.1:1", "--prefix", "! r")).isEqualTo(2);
    assertThat(Main.run("shard", "discord", "--core", "http://127.0.0.1:1", "--defer-after-ms", "5000")).isEqualTo(2);
    assertThat(Main.run("shard", "discord")).as("no --core").isEqualTo(2);
    env(Map.of());
    assertThat(Main.run("shard", "console", "--core", "http://127.0.0.1:1")).as("no SIDEKICK_TOKEN").isEqualTo(2);
  }

  @Test
  void discordShardRunsAgainstTheFakeAndTheRealCore() throws Exception {
    try (LocalCore core = LocalCore.start();
        FakeDiscord discord = FakeDiscord.start("cli-bot-token")) {
      FakeGuild guild = discord.addGuild(FakeDiscord.guildIdOnShard(0, 1, 5), "Tal'Dorei");
      env(Map.of("DISCORD_TOKEN", "cli-bot-token", "SIDEKICK_TOKEN", core.shardToken()));
      ShardCommand.stop = new CountDownLatch(1);
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () ->
                  Main.run(
                      "shard", "discord", "--core", core.url(),
                      "--discord-rest", discord.restUrl(), "--discord-gateway", discord.gatewayUrl(),
                      "--prefix", "!roll", "--no-inline", "--status-every-s", "1"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (discord.connectedShards().isEmpty() && System.nanoTime() < deadline && !exit.isDone()) Thread.sleep(20);
      assertThat(discord.connectedShards()).containsExactly(0);
      Thread.sleep(300); // the guild is set up right after the gateway session opens

      FakeUser vax = FakeUser.person(77, "Vax");
      long id = discord.send(guild, vax, "!roll 2d4");
      Outgoing reply = discord.await(o -> o.replyTo() == id, Duration.ofSeconds(15));
      assertThat(reply).isNotNull();
      assertThat(reply.content()).contains("2d4");
      long oldPrefix = discord.send(guild, vax, "!r 1d4");
      long marker = discord.send(guild, vax, "!roll 1d6");
      assertThat(discord.await(o -> o.replyTo() == marker, Duration.ofSeconds(15))).isNotNull();
      assertThat(discord.outgoing()).noneMatch(o -> o.replyTo() == oldPrefix);

      ShardCommand.stop.countDown();
      assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void consoleShardAnswersEachLine() throws Exception {
    try (LocalCore core = LocalCore.start()) {
      env(Map.of("SIDEKICK_TOKEN", core.shardToken()));
      InputStream stdin = System.in;
      PrintStream stdout = System.out;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        System.setIn(new ByteArrayInputStream("/r 1d20+2\nhello\nexit\n".getBytes(StandardCharsets.UTF_8)));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(Main.run("shard", "console", "--core", core.url(), "--user", "Percy", "--channel", "table")).isZero();
      } finally {
        System.setIn(stdin);
        System.setOut(stdout);
      }
      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(text).contains("channel 'table'").containsPattern("1d20 \\((\\*\\*)?\\d+(\\*\\*)?\\) \\+ 2 = `\\d+`").contains("(no reply");
    }
  }
}
