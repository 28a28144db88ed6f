package sidekick.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sidekick.bot.commands.CommandTrigger;
import sidekick.bot.core.CoreService;
import sidekick.bot.core.RemoteCore;
import sidekick.bot.core.RetryPolicy;
import sidekick.bot.fakediscord.FakeAttachment;
import sidekick.bot.fakediscord.FakeDiscord;
import sidekick.bot.fakediscord.FakeGuild;
import sidekick.bot.fakediscord.FakeUser;
import sidekick.bot.fakediscord.Outgoing;
import sidekick.bot.load.LocalCore;
import sidekick.core.Principal;

/** The real JDA shard, through the fake Discord, against the real core and server (shard-http). */
@Timeout(120)
class EndToEndTest {
  static final String TOKEN = "e2e-bot-token";
  static final Duration WAIT = Duration.ofSeconds(15);

  static LocalCore core;
  static FakeDiscord discord;
  static FakeGuild guild;
  static ScheduledExecutorService timer;
  static CoreService remote;
  static DiscordShards shards;
  static final FakeUser keyleth = FakeUser.person(3001, "Keyleth");
  static final FakeUser scanlan = FakeUser.person(3002, "Scanlan");

  @BeforeAll
  static void start() throws Exception {
    core = LocalCore.start();
    discord = FakeDiscord.start(TOKEN);
    guild = discord.addGuild(FakeDiscord.guildIdOnShard(0, 1, 42), "Whitestone");
    guild.grant(keyleth, FakeGuild.Role.ADMIN);
    timer = Executors.newScheduledThreadPool(1);
    RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(8));
    remote = RemoteCore.connect(core.url(), core.shardToken(), policy, timer);
    DiscordShardConfig config =
        DiscordShardConfig.of(TOKEN, List.of(), 1)
            .withEndpoints(discord.restUrl(), discord.gatewayUrl())
            .withLimits(64 * 1024, Duration.ofMillis(1500), Duration.ofMillis(300));
    shards = DiscordShards.start(config, remote, CommandTrigger.defaults(), timer);
    assertThat(shards.awaitConnected(30, TimeUnit.SECONDS)).isTrue();
  }

  @AfterAll
  static void stop() {
    if (shards != null) shards.close();
    if (remote != null) remote.close();
    if (timer != null) timer.shutdownNow();
    if (discord != null) discord.close();
    if (core != null) core.close();
  }

  static Outgoing replyTo(long id) {
    Outgoing o = discord.await(x -> x.replyTo() == id && x.kind() != Outgoing.Kind.INTERACTION_DEFER, WAIT);
    assertThat(o).as("a reply to " + id).isNotNull();
    return o;
  }

  @Test
  void messageCommandsAreRolledByTheCore() {
    long id = discord.send(guild, scanlan, "/r 1d20+5 # attack");
    Outgoing reply = replyTo(id);
    assertThat(reply.kind()).isEqualTo(Outgoing.Kind.MESSAGE);
    assertThat(reply.content()).startsWith("**Scanlan**").containsPattern("1d20 \\((\\*\\*)?\\d+(\\*\\*)?\\) \\+ 5 = `\\d+`").endsWith("attack");
    long bang = discord.send(guild, scanlan, "!r 3d6");
    assertThat(replyTo(bang).content()).containsPattern("3d6 \\(.*\\) = `\\d+`");
  }

  @Test
  void aRedeliveredMessageIsRolledOnce() {
    long id = discord.send(guild, scanlan, "/r 1d1000000");
    Outgoing first = replyTo(id);
    discord.redeliver(guild, id);
    Outgoing second =
        discord.await(o -> o.replyTo() == id && o.kind() == Outgoing.Kind.MESSAGE && o.messageId() != first.messageId(), WAIT);
    assertThat(second).isNotNull();
    assertThat(second.content()).as("the core answered the repeat with the first answer").isEqualTo(first.content());
  }

  @Test
  void inlineRollsAreFoundByTheCore() {
    long id = discord.send(guild, scanlan, "I swing for 2d6+3 slashing");
    assertThat(replyTo(id).content()).containsPattern("I swing for 2d6 \\(.*\\) \\+ 3 = `\\d+` slashing");
  }

  @Test
  void chatterAndBotsGetNoReply() throws InterruptedException {
    long chatter = discord.send(guild, scanlan, "what a lovely day");
    long bot = discord.send(guild, FakeUser.bot(3999, "OtherBot"), "/r 1d6");
    long marker = discord.send(guild, scanlan, "/r 1d2");
    replyTo(marker);
    assertThat(discord.outgoing()).noneMatch(o -> o.replyTo() == chatter || o.replyTo() == bot);
  }

  @Test
  void slashRollAndStats() {
    long roll = discord.slash(guild, scanlan, "roll", null, Map.of("expr", "4d6kh3"), null);
    assertThat(replyTo(roll).content()).contains("4d6kh3");
    long stats = discord.slash(guild, scanlan, "stats", null, Map.of("expr", "3d6"), null);
    assertThat(replyTo(stats).content()).contains("**3d6**").contains("mean 10.5000").contains("min 3, max 18");
  }

  @Test
  void plugUploadedFromAnAttachmentRunsAndNeedsTheRight() throws Exception {
    byte[] wasm;
    try (InputStream in = EndToEndTest.class.getResourceAsStream("/plugs/crit-reply.wasm")) {
      wasm = in.readAllBytes();
    }
    FakeAttachment file = discord.host("crit-reply.wasm", wasm);
    long denied = discord.slash(guild, scanlan, "plug", "add", Map.of("name", "crit"), file);
    assertThat(replyTo(denied).content()).contains("Manage Channels");
    String channel = Long.toString(guild.channelId());
    assertThat(core.core().listPlugs(Principal.localAdmin(), channel)).isEmpty();

    long added = discord.slash(guild, keyleth, "plug", "add", Map.of("name", "crit"), file);
    assertThat(replyTo(added).content()).contains("Plug **crit** installed");
    assertThat(core.core().listPlugs(Principal.localAdmin(), channel)).extracting(p -> p.name()).containsExactly("crit");

    long roll = discord.send(guild, scanlan, "/r 1d20");
    assertThat(replyTo(roll).content()).isEqualTo("crit plug: natural 20!");

    long list = discord.slash(guild, scanlan, "plug", "ls", Map.of(), null);
    assertThat(replyTo(list).content()).contains("**crit**");
    long stats = discord.slash(guild, scanlan, "plug", "stats", Map.of(), null);
    assertThat(replyTo(stats).content()).contains("crit");

    long rmDenied = discord.slash(guild, scanlan, "plug", "rm", Map.of("name", "crit"), null);
    assertThat(replyTo(rmDenied).content()).contains("Manage Channels");
    long rm = discord.slash(guild, keyleth, "plug", "rm", Map.of("name", "crit"), null);
    assertThat(replyTo(rm).content()).contains("removed");
    assertThat(core.core().listPlugs(Principal.localAdmin(), channel)).isEmpty();
  }

  @Test
  void anInvalidModuleIsRefusedWithTheCoresReason() {
    FakeAttachment junk = discord.host("junk.wasm", "this is not wasm".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    long id = discord.slash(guild, keyleth, "plug", "add", Map.of("name", "junk"), junk);
    assertThat(replyTo(id).content()).startsWith("⚠️").doesNotContain("installed");
    assertThat(discord.unknownRoutes()).isEmpty();
  }

  @Test
  void plugUploadByMessageGoesThroughTheCoreCommand() throws Exception {
    byte[] wasm;
    try (InputStream in = EndToEndTest.class.getResourceAsStream("/plugs/crit-reply.wasm")) {
      wasm = in.readAllBytes();
    }
    FakeGuild other = discord.addGuild(FakeDiscord.guildIdOnShard(0, 1, 43), "Emon");
    other.grant(keyleth, FakeGuild.Role.GAME_MASTER);
    long denied = discord.send(other, scanlan, "!r plug add crit", discord.host("crit.wasm", wasm));
    assertThat(replyTo(denied).content()).doesNotContain("installed");
    assertThat(core.core().listPlugs(Principal.localAdmin(), Long.toString(other.channelId()))).isEmpty();

    long added = discord.send(other, keyleth, "!r plug add crit", discord.host("crit.wasm", wasm));
    replyTo(added);
    assertThat(core.core().listPlugs(Principal.localAdmin(), Long.toString(other.channelId())))
        .extracting(p -> p.name()).containsExactly("crit");
  }

  @Test
  void statusReachesTheCore() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (core.core().shards(Principal.localAdmin()).stream().anyMatch(s -> s.state().equals("CONNECTED"))) break;
      Thread.sleep(50);
    }
    assertThat(core.core().shards(Principal.localAdmin()))
        .anySatisfy(s -> {
          assertThat(s.shard()).isZero();
          assertThat(s.state()).isEqualTo("CONNECTED");
          assertThat(s.guilds()).isGreaterThanOrEqualTo(1);
        });
  }

  @Test
  void aCoreRestartIsSurvived() throws Exception {
    core.stop();
    long during = discord.send(guild, scanlan, "/r 1d8 while the core restarts");
    Thread.sleep(700);
    core.startAgain();
    assertThat(replyTo(during).content()).contains("1d8");
    long after = discord.send(guild, scanlan, "/r 1d10");
    assertThat(replyTo(after).content()).contains("1d10");
  }
}
