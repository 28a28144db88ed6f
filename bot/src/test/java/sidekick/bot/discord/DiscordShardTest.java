package sidekick.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sidekick.bot.commands.CommandTrigger;
import sidekick.bot.core.RetryPolicy;
import sidekick.bot.core.RetryingCoreService;
import sidekick.bot.fakediscord.FakeAttachment;
import sidekick.bot.fakediscord.FakeDiscord;
import sidekick.bot.fakediscord.FakeGuild;
import sidekick.bot.fakediscord.FakeUser;
import sidekick.bot.fakediscord.Outgoing;
import sidekick.bot.testing.InMemoryCore;

/** The real JDA shard against the fake Discord and an in-memory core. */
@Timeout(60)
class DiscordShardTest {
  static final String TOKEN = "test-bot-token";
  static final Duration WAIT = Duration.ofSeconds(10);

  static FakeDiscord discord;
  static FakeGuild guild;
  static InMemoryCore core;
  static ScheduledExecutorService timer;
  static DiscordShards shards;
  static final FakeUser grog = FakeUser.person(1001, "Grog");
  static final FakeUser pike = FakeUser.person(1002, "Pike");
  static final FakeUser otherBot = FakeUser.bot(1003, "Robo");

  @BeforeAll
  static void start() throws Exception {
    discord = FakeDiscord.start(TOKEN, 1000);
    guild = discord.addGuild(FakeDiscord.guildIdOnShard(0, 1, 1), "Vox Machina");
    guild.grant(pike, FakeGuild.Role.GAME_MASTER);
    core = new InMemoryCore();
    timer = Executors.newScheduledThreadPool(1);
    DiscordShardConfig config =
        DiscordShardConfig.of(TOKEN, List.of(), 1)
            .withEndpoints(discord.restUrl(), discord.gatewayUrl())
            .withLimits(1024, Duration.ofMillis(300), Duration.ofMillis(200));
    RetryingCoreService retrying =
        new RetryingCoreService(core, new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(600)), timer);
    shards = DiscordShards.start(config, retrying, CommandTrigger.defaults(), timer);
    assertThat(shards.awaitConnected(20, TimeUnit.SECONDS)).as("shard connected").isTrue();
  }

  @AfterAll
  static void stop() {
    if (shards != null) shards.close();
    if (timer != null) timer.shutdownNow();
    if (discord != null) discord.close();
  }

  @BeforeEach
  void reset() {
    core.failNext(0);
    core.slowBy(Duration.ZERO);
  }

  private static Outgoing replyTo(long id) {
    Outgoing o = discord.await(x -> x.replyTo() == id && x.kind() != Outgoing.Kind.INTERACTION_DEFER, WAIT);
    assertThat(o).as("a reply to " + id).isNotNull();
    return o;
  }

  @Test
  void messageCommandIsAnsweredAsAReply() {
    long id = discord.send(guild, grog, "/r 2d6+3 # attack");
    Outgoing reply = replyTo(id);
    assertThat(reply.kind()).isEqualTo(Outgoing.Kind.MESSAGE);
    assertThat(reply.content()).isEqualTo("rolled 2d6+3 # attack");
    assertThat(reply.channelId()).isEqualTo(guild.channelId());
    assertThat(core.commands)
        .anySatisfy(
            c -> {
              assertThat(c.text()).isEqualTo("/r 2d6+3 # attack");
              assertThat(c.channel()).isEqualTo(Long.toString(guild.channelId()));
              assertThat(c.server()).isEqualTo(Long.toString(guild.id()));
              assertThat(c.user()).isEqualTo("1001");
              assertThat(c.userName()).isEqualTo("Grog");
              assertThat(c.canManagePlugs()).isFalse();
            });
  }

  @Test
  void bangPrefixIsRewrittenToTheCorePrefix() {
    long id = discord.send(guild, grog, "!r 1d20");
    assertThat(replyTo(id).content()).isEqualTo("rolled 1d20");
  }

  @Test
  void aLeadingMentionOfTheBotIsDropped() {
    long id = discord.send(guild, grog, "<@" + discord.botUser().id() + "> !r 1d12");
    assertThat(replyTo(id).content()).isEqualTo("rolled 1d12");
  }

  @Test
  void inlineRollsGoToTheCoreAsTheyAre() {
    long id = discord.send(guild, grog, "I swing for 2d6+3 slashing");
    assertThat(replyTo(id).content()).isEqualTo("inline: I swing for 2d6+3 slashing");
  }

  @Test
  void chatterAndBotAuthorsAreIgnored() {
    int before = core.commands.size();
    long chatter = discord.send(guild, grog, "good morning everyone");
    long fromBot = discord.send(guild, otherBot, "/r 1d6");
    long marker = discord.send(guild, grog, "/r marker");
    replyTo(marker);
    assertThat(discord.outgoing()).noneMatch(o -> o.replyTo() == chatter || o.replyTo() == fromBot);
    assertThat(core.commands.subList(before, core.commands.size())).extracting(c -> c.text()).containsExactly("/r marker");
  }

  @Test
  void managersHaveThePlugRight() {
    long id = discord.send(guild, pike, "/r check");
    replyTo(id);
    assertThat(core.commands).anySatisfy(c -> {
      assertThat(c.user()).isEqualTo("1002");
      assertThat(c.canManagePlugs()).isTrue();
    });
  }

  @Test
  void slashRollAnswersTheInteraction() {
    long id = discord.slash(guild, grog, "r", null, Map.of("expr", "4d6kh3"), null);
    Outgoing reply = replyTo(id);
    assertThat(reply.kind()).isEqualTo(Outgoing.Kind.INTERACTION_REPLY);
    assertThat(reply.content()).isEqualTo("rolled 4d6kh3");
  }

  @Test
  void slowCoreDefersTheSlashCommandThenEditsTheAnswer() {
    core.slowBy(Duration.ofMillis(900));
    long id = discord.slash(guild, grog, "roll", null, Map.of("expr", "1d4"), null);
    Outgoing defer = discord.await(x -> x.replyTo() == id && x.kind() == Outgoing.Kind.INTERACTION_DEFER, WAIT);
    assertThat(defer).as("deferred").isNotNull();
    Outgoing edit = replyTo(id);
    assertThat(edit.kind()).isEqualTo(Outgoing.Kind.INTERACTION_EDIT);
    assertThat(edit.content()).isEqualTo("rolled 1d4");
  }

  @Test
  void plugAddFromAnAttachmentNeedsManageChannels() {
    byte[] wasm = "\0asm-fake-module".getBytes(StandardCharsets.ISO_8859_1);
    FakeAttachment file = discord.host("dice.wasm", wasm);
    long denied = discord.slash(guild, grog, "plug", "add", Map.of("name", "crit"), file);
    assertThat(replyTo(denied).content()).contains("Manage Channels");
    assertThat(core.plugs.getOrDefault(Long.toString(guild.channelId()), Map.of())).doesNotContainKey("crit");

    long allowed = discord.slash(guild, pike, "plug", "add", Map.of("name", "crit"), file);
    assertThat(replyTo(allowed).content()).contains("crit").contains("installed");
    assertThat(core.plugs.get(Long.toString(guild.channelId())).get("crit")).isEqualTo(wasm);

    long list = discord.slash(guild, grog, "plug", "ls", Map.of(), null);
    assertThat(replyTo(list).content()).contains("**crit**");
    long stats = discord.slash(guild, grog, "plug", "stats", Map.of(), null);
    assertThat(replyTo(stats).content()).contains("crit").contains("900");
    long rm = discord.slash(guild, pike, "plug", "rm", Map.of("name", "crit"), null);
    assertThat(replyTo(rm).content()).contains("removed");
    long rmAgain = discord.slash(guild, pike, "plug", "rm", Map.of("name", "crit"), null);
    assertThat(replyTo(rmAgain).content()).contains("no plug named crit");
  }

  @Test
  void plugAddByMessageCarriesTheAttachment() {
    byte[] wasm = new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0};
    long id = discord.send(guild, pike, "!r plug add tiny", discord.host("tiny.wasm", wasm));
    assertThat(replyTo(id).content()).isEqualTo("plug tiny added (8 bytes)");
  }

  @Test
  void plugAddByMessageWithoutTheRightDownloadsNothing() {
    long before = discord.downloads();
    long id = discord.send(guild, grog, "!r plug add sneaky", discord.host("sneaky.wasm", new byte[] {0, 'a', 's', 'm'}));
    replyTo(id);
    assertThat(discord.downloads()).isEqualTo(before);
    assertThat(core.commands).anySatisfy(c -> {
      assertThat(c.text()).isEqualTo("/r plug add sneaky");
      assertThat(c.attachment()).isNull();
      assertThat(c.canManagePlugs()).isFalse();
    });
  }

  @Test
  void attachmentsComeOnlyFromDiscordsCdnUnlessEndpointsAreCustom() {
    assertThat(AttachmentDownloader.allowed(java.net.URI.create("https://cdn.discordapp.com/attachments/1/2/a.wasm"), false)).isTrue();
    assertThat(AttachmentDownloader.allowed(java.net.URI.create("http://cdn.discordapp.com/a.wasm"), false)).isFalse();
    assertThat(AttachmentDownloader.allowed(java.net.URI.create("https://169.254.169.254/latest"), false)).isFalse();
    assertThat(AttachmentDownloader.allowed(java.net.URI.create("http://127.0.0.1:9/a.wasm"), true)).isTrue();
  }

  @Test
  void oversizedAttachmentIsRefusedPolitely() {
    FakeAttachment big = discord.host("big.wasm", new byte[4096]);
    long id = discord.slash(guild, pike, "plug", "add", Map.of("name", "big"), big);
    assertThat(replyTo(id).content()).contains("larger than the 1 KiB");
  }

  @Test
  void statsShowsTheDistribution() {
    long id = discord.slash(guild, grog, "stats", null, Map.of("expr", "1d2"), null);
    assertThat(replyTo(id).content()).contains("**1d2**").contains("mean 1.5000").contains("50.00%");
  }

  @Test
  void scissorsByTheAskerDeleteTheReplyOthersDoNot() {
    long id = discord.send(guild, grog, "/r 1d8");
    Outgoing reply = replyTo(id);
    discord.react(guild, pike, reply.messageId(), "✂️");
    long marker = discord.send(guild, grog, "/r after-pike");
    replyTo(marker);
    assertThat(discord.outgoing()).noneMatch(o -> o.kind() == Outgoing.Kind.DELETE && o.messageId() == reply.messageId());
    discord.react(guild, grog, reply.messageId(), "✂");
    assertThat(discord.await(o -> o.kind() == Outgoing.Kind.DELETE && o.messageId() == reply.messageId(), WAIT)).isNotNull();
  }

  @Test
  void privateAnswersGoByDirectMessageOrEphemeralReply() {
    long id = discord.send(guild, grog, "!r bind app");
    assertThat(replyTo(id).content()).contains("direct message");
    Outgoing dm = discord.await(o -> "your code is SECRET-42".equals(o.content()) && o.kind() == Outgoing.Kind.MESSAGE, WAIT);
    assertThat(dm).isNotNull();
    assertThat(dm.channelId()).isNotEqualTo(guild.channelId());

    long slash = discord.slash(guild, grog, "r", null, Map.of("expr", "bind app"), null);
    Outgoing reply = replyTo(slash);
    assertThat(reply.content()).isEqualTo("your code is SECRET-42");
    assertThat(reply.body().path("data").path("flags").asInt() & 64).as("ephemeral flag").isEqualTo(64);

    core.slowBy(Duration.ofMillis(700));
    long slow = discord.slash(guild, grog, "r", null, Map.of("expr", "bind app"), null);
    Outgoing followup = discord.await(o -> o.replyTo() == slow && o.kind() == Outgoing.Kind.INTERACTION_FOLLOWUP, WAIT);
    assertThat(followup).isNotNull();
    assertThat(followup.content()).isEqualTo("your code is SECRET-42");
    assertThat(followup.body().path("flags").asInt() & 64).isEqualTo(64);
    assertThat(discord.outgoing()).anyMatch(o -> o.replyTo() == slow && o.kind() == Outgoing.Kind.DELETE);
  }

  @Test
  void longRepliesAreCutAndUnknownSlashCommandsLeftAlone() {
    long id = discord.send(guild, grog, "/r " + "9".repeat(3000));
    Outgoing reply = replyTo(id);
    assertThat(reply.content()).hasSizeLessThanOrEqualTo(2000).endsWith("*(cut)*");

    long unknown = discord.slash(guild, grog, "dance", null, Map.of(), null);
    long marker = discord.slash(guild, grog, "r", null, Map.of("expr", "1d3"), null);
    replyTo(marker);
    assertThat(discord.outgoing()).noneMatch(o -> o.replyTo() == unknown);
  }

  @Test
  void aDroppedGatewayIsResumed() throws InterruptedException {
    discord.dropGateways();
    long deadline = System.nanoTime() + WAIT.toNanos();
    Thread.sleep(200);
    while (discord.connectedShards().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(discord.connectedShards()).containsExactly(0);
    long id = discord.send(guild, grog, "/r after the drop");
    assertThat(replyTo(id).content()).isEqualTo("rolled after the drop");
  }

  @Test
  void coreOutageIsRetriedThenAnswered() {
    core.failNext(3);
    long id = discord.send(guild, grog, "/r 3d6");
    assertThat(replyTo(id).content()).isEqualTo("rolled 3d6");
  }

  @Test
  void coreDownTooLongGivesAPoliteAnswer() {
    core.failNext(1000);
    long id = discord.send(guild, grog, "/r 3d6");
    assertThat(replyTo(id).content()).contains("can't reach my dice engine");
  }

  @Test
  void slashCommandsAreRegisteredAndStatusIsReported() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (discord.registeredCommands() == null && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(discord.registeredCommands()).extracting(c -> c.path("name").asText()).contains("r", "roll", "plug", "stats");
    assertThat(core.statuses).anySatisfy(s -> {
      assertThat(s.state()).isEqualTo("CONNECTED");
      assertThat(s.guilds()).isEqualTo(1);
      assertThat(s.shardsTotal()).isEqualTo(1);
    });
    assertThat(discord.unknownRoutes()).isEmpty();
  }

  @Test
  void heartbeatsAreAnsweredAndTheShardStaysConnected() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (discord.heartbeats() < 2 && System.nanoTime() < deadline) Thread.sleep(50);
    assertThat(discord.heartbeats()).isGreaterThanOrEqualTo(2);
    assertThat(shards.manager().getShardById(0).getStatus()).hasToString("CONNECTED");
    assertThat(shards.manager().getShardById(0).getGatewayPing()).isGreaterThanOrEqualTo(0);
    assertThat(discord.connectedShards()).containsExactly(0);
  }
}
