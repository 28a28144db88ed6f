package sidekick.core;

import java.time.Instant;

/**
 * A shard's report ({@code POST /v1/shards/status}); {@code reportedAt} is set by the core when stored
 * (ignored on input).
 */
public record ShardStatus(
    int shard, int shardsTotal, String state, int guilds, long latencyMillis, int queue, Instant reportedAt) {}
