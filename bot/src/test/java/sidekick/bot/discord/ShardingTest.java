package sidekick.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sidekick.bot.commands.CommandTrigger;
import sidekick.bot.fakediscord.FakeDiscord;
import sidekick.bot.fakediscord.FakeGuild;
import sidekick.bot.fakediscord.FakeUser;
import sidekick.bot.fakediscord.Outgoing;
import sidekick.bot.testing.InMemoryCore;

/** Two shard processes split the guilds by Discord's rule, shard = (guild_id >> 22) % shards. */
@Timeout(60)
class ShardingTest {
  static final String TOKEN = "sharded-token";

  @Test
  void twoShardProcessesEachServeTheirOwnGuilds() throws Exception {
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    try (FakeDiscord discord = FakeDiscord.start(TOKEN)) {
      FakeGuild onZero = discord.addGuild(FakeDiscord.guildIdOnShard(0, 2, 7), "even");
      FakeGuild onOne = discord.addGuild(FakeDiscord.guildIdOnShard(1, 2, 7), "odd");
      FakeGuild alsoOne = discord.addGuild(FakeDiscord.guildIdOnShard(1, 2, 8), "odd too");
      InMemoryCore coreOfZero = new InMemoryCore();
      InMemoryCore coreOfOne = new InMemoryCore();
      try (DiscordShards zero = start(discord, 0, coreOfZero, timer);
          DiscordShards one = start(discord, 1, coreOfOne, timer)) {
        assertThat(discord.connectedShards()).containsExactlyInAnyOrder(0, 1);
        assertThat(zero.manager().getGuildCache().size()).isEqualTo(1);
        assertThat(one.manager().getGuildCache().size()).isEqualTo(2);

        FakeUser vex = FakeUser.person(2001, "Vex");
        for (FakeGuild g : List.of(onZero, onOne, alsoOne)) {
          long id = discord.send(g, vex, "/r 1d20 in " + g.name());
          assertThat(discord.await(o -> o.replyTo() == id && o.kind() == Outgoing.Kind.MESSAGE, Duration.ofSeconds(10)))
              .isNotNull();
        }
        assertThat(coreOfZero.commands).extracting(c -> c.text()).containsExactly("/r 1d20 in even");
        assertThat(coreOfOne.commands).extracting(c -> c.text()).containsExactlyInAnyOrder("/r 1d20 in odd", "/r 1d20 in odd too");
        // Only shard 0 registers the global slash commands.
        assertThat(discord.registeredCommands()).isNotNull();
        assertThat(coreOfOne.statuses).allSatisfy(s -> assertThat(s.shard()).isEqualTo(1));
      }
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void oneProcessCanRunSeveralShards() throws Exception {
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    try (FakeDiscord discord = FakeDiscord.start(TOKEN)) {
      discord.addGuild(FakeDiscord.guildIdOnShard(0, 3, 1), "a");
      discord.addGuild(FakeDiscord.guildIdOnShard(2, 3, 1), "c");
      InMemoryCore core = new InMemoryCore();
      DiscordShardConfig config =
          DiscordShardConfig.of(TOKEN, List.of(0, 2), 3).withEndpoints(discord.restUrl(), discord.gatewayUrl());
      try (DiscordShards shards = DiscordShards.start(config, core, CommandTrigger.defaults(), timer)) {
        assertThat(shards.awaitConnected(20, TimeUnit.SECONDS)).isTrue();
        assertThat(discord.connectedShards()).containsExactlyInAnyOrder(0, 2);
        assertThat(shards.manager().getGuildCache().size()).isEqualTo(2);
      }
    } finally {
      timer.shutdownNow();
    }
  }

  private static DiscordShards start(FakeDiscord discord, int shard, InMemoryCore core, ScheduledExecutorService timer)
      throws InterruptedException {
    DiscordShardConfig config =
        DiscordShardConfig.of(TOKEN, List.of(shard), 2)
            .withEndpoints(discord.restUrl(), discord.gatewayUrl())
            .withLimits(1024, Duration.ofMillis(1500), Duration.ofMillis(200));
    DiscordShards shards = DiscordShards.start(config, core, CommandTrigger.defaults(), timer);
    assertThat(shards.awaitConnected(20, TimeUnit.SECONDS)).isTrue();
    return shards;
  }
}
