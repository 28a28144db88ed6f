package sidekick.bot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run this process's Discord shards.
 *
 * @param token the bot token
 * @param shardIds the shards this process runs; empty for all of {@code shardsTotal}
 * @param shardsTotal shards of the whole bot; 0 to ask Discord for its recommendation
 * @param restUrl another REST endpoint (ending in {@code /}), null for Discord's
 * @param gatewayUrl another gateway endpoint, null for Discord's
 * @param messageContent whether to ask for the privileged message-content intent (message commands
 *     and inline rolls need it; slash commands and mentions work without)
 * @param registerSlashCommands whether the process that runs shard 0 registers the slash commands
 * @param maxAttachmentBytes largest plug upload downloaded from an attachment
 * @param deferAfter a slash command not answered within this time is deferred ("thinking...");
 *     Discord drops an interaction unanswered after 3 s
 * @param statusInterval how often each shard reports its status to the core
 */
public record DiscordShardConfig(
    String token,
    List<Integer> shardIds,
    int shardsTotal,
    String restUrl,
    String gatewayUrl,
    boolean messageContent,
    boolean registerSlashCommands,
    long maxAttachmentBytes,
    Duration deferAfter,
    Duration statusInterval) {

  public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 8L * 1024 * 1024;
  public static final Duration DEFAULT_DEFER_AFTER = Duration.ofMillis(1500);
  public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(30);

  public DiscordShardConfig {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) throw new IllegalArgumentException("the bot token is empty");
    shardIds = List.copyOf(shardIds);
    if (shardsTotal < 0) throw new IllegalArgumentException("shards total must be positive");
    if (!shardIds.isEmpty() && shardsTotal == 0) {
      throw new IllegalArgumentException("--shards needs --shards-total");
    }
    for (int id : shardIds) {
      if (id < 0 || id >= shardsTotal) {
        throw new IllegalArgumentException("shard " + id + " is outside 0.." + (shardsTotal - 1));
      }
    }
    if ((restUrl == null) != (gatewayUrl == null)) {
      throw new IllegalArgumentException("give both the REST and the gateway endpoint, or neither");
    }
    if (restUrl != null && !restUrl.endsWith("/")) restUrl = restUrl + "/";
    if (maxAttachmentBytes <= 0) throw new IllegalArgumentException("attachment cap must be positive");
  }

  /** A config with the defaults for everything but the token and the shards. */
  public static DiscordShardConfig of(String token, List<Integer> shardIds, int shardsTotal) {
    return new DiscordShardConfig(
        token, shardIds, shardsTotal, null, null, true, true,
        DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_DEFER_AFTER, DEFAULT_STATUS_INTERVAL);
  }

  public DiscordShardConfig withEndpoints(String rest, String gateway) {
    return new DiscordShardConfig(
        token, shardIds, shardsTotal, rest, gateway, messageContent, registerSlashCommands,
        maxAttachmentBytes, deferAfter, statusInterval);
  }

  public DiscordShardConfig withMessageContent(boolean on) {
    return new DiscordShardConfig(
        token, shardIds, shardsTotal, restUrl, gatewayUrl, on, registerSlashCommands,
        maxAttachmentBytes, deferAfter, statusInterval);
  }

  public DiscordShardConfig withLimits(long maxAttachment, Duration defer, Duration status) {
    return new DiscordShardConfig(
        token, shardIds, shardsTotal, restUrl, gatewayUrl, messageContent, registerSlashCommands,
        maxAttachment, defer, status);
  }

  /** How many shards this process runs (all of them when none were listed). */
  public int localShardCount() {
    return shardIds.isEmpty() ? Math.max(1, shardsTotal) : shardIds.size();
  }
}
