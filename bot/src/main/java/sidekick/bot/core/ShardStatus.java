package sidekick.bot.core;

/** What a shard reports to the core ({@code POST /v1/shards/status}). */
public record ShardStatus(
    int shard, int shardsTotal, String state, int guilds, long latencyMillis, int queue) {}
