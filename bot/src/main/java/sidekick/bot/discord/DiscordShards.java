package sidekick.bot.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.bot.commands.CommandTrigger;
import sidekick.bot.commands.ShardCommands;
import sidekick.bot.core.CoreService;

/**
 * This process's Discord shards: JDA's shard manager with the bot's listeners, forwarding to a
 * {@link CoreService}. The shard caches as little as the bot needs (guilds, channels and roles for
 * permissions; no members, no presences).
 */
public final class DiscordShards implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordShards.class);

  private final ShardManager manager;
  private final ScheduledFuture<?> reporting;
  private final ExecutorService downloads;
  private final ShardCommands commands;

  private DiscordShards(
      ShardManager manager, ScheduledFuture<?> reporting, ExecutorService downloads, ShardCommands commands) {
    this.manager = manager;
    this.reporting = reporting;
    this.downloads = downloads;
    this.commands = commands;
  }

  /** Logs in and starts the shards; returns once the first shard has logged in. */
  public static DiscordShards start(
      DiscordShardConfig config, CoreService core, CommandTrigger trigger, ScheduledExecutorService timer) {
    ShardCommands commands = new ShardCommands(core, trigger);
    ExecutorService downloads = Executors.newFixedThreadPool(2, daemon("sidekick-download"));
    AttachmentDownloader downloader = new AttachmentDownloader(config.maxAttachmentBytes(), config.restUrl() != null, downloads);
    ReplyAuthors replyAuthors = new ReplyAuthors(ReplyAuthors.CAPACITY);
    StatusReporter status = new StatusReporter(core, commands::inFlight);

    DefaultShardManagerBuilder builder =
        DefaultShardManagerBuilder.createLight(config.token(), intents(config))
            .setMemberCachePolicy(MemberCachePolicy.NONE)
            .setChunkingFilter(ChunkingFilter.NONE)
            .addEventListeners(
                new MessageCommandListener(commands, downloader, replyAuthors),
                new SlashCommandListener(commands, downloader, new DeferringReplier(config.deferAfter(), timer)),
                new ScissorsListener(replyAuthors),
                status);
    if (config.registerSlashCommands()) builder.addEventListeners(new SlashCommandRegistrar());
    if (config.shardsTotal() > 0) builder.setShardsTotal(config.shardsTotal());
    if (!config.shardIds().isEmpty()) builder.setShards(config.shardIds());
    if (config.restUrl() != null) {
      builder.setRestConfig(new RestConfig().setBaseUrl(config.restUrl()));
      builder.setSessionController(
          new FixedGatewaySessionController(config.gatewayUrl(), config.shardsTotal(), Math.max(1, config.shardsTotal())));
      builder.setCompression(Compression.NONE);
    }
    ShardManager manager;
    try {
      manager = builder.build();
    } catch (RuntimeException e) {
      downloads.shutdownNow();
      throw e;
    }
    status.attach(manager);
    long every = config.statusInterval().toMillis();
    ScheduledFuture<?> reporting = timer.scheduleAtFixedRate(status::reportAll, every, every, TimeUnit.MILLISECONDS);
    log.info("Discord shards {} of {} starting", config.shardIds().isEmpty() ? "all" : config.shardIds(), config.shardsTotal());
    return new DiscordShards(manager, reporting, downloads, commands);
  }

  static EnumSet<GatewayIntent> intents(DiscordShardConfig config) {
    EnumSet<GatewayIntent> intents =
        EnumSet.of(
            GatewayIntent.GUILD_MESSAGES,
            GatewayIntent.DIRECT_MESSAGES,
            GatewayIntent.GUILD_MESSAGE_REACTIONS,
            GatewayIntent.DIRECT_MESSAGE_REACTIONS);
    if (config.messageContent()) intents.add(GatewayIntent.MESSAGE_CONTENT);
    return intents;
  }

  public ShardManager manager() {
    return manager;
  }

  /** Commands in flight to the core. */
  public int inFlight() {
    return commands.inFlight();
  }

  /** The shards of this process with their JDA state. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (JDA jda : manager.getShardCache()) {
      out.add(jda.getShardInfo().getShardString() + " " + jda.getStatus() + " guilds=" + jda.getGuildCache().size());
    }
    return out;
  }

  /** Blocks until every shard of the process is connected, or the timeout passes. */
  public boolean awaitConnected(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (System.nanoTime() < deadline) {
      boolean all = manager.getShardsQueued() == 0 && manager.getShardCache().size() > 0;
      for (JDA jda : manager.getShardCache()) all &= jda.getStatus() == JDA.Status.CONNECTED;
      if (all) return true;
      Thread.sleep(20);
    }
    return false;
  }

  @Override
  public void close() {
    reporting.cancel(false);
    manager.shutdown();
    downloads.shutdownNow();
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
