package sidekick.core;

import java.time.Instant;

/** One plug of a channel with its usage statistics, as in {@code GET /v1/channels/{channel}/plugs}. */
public record PlugInfo(
    String name,
    String hash,
    long len,
    String uploadedBy,
    Instant uploadedAt,
    long calls,
    long errors,
    long p50Micros,
    long p99Micros,
    long bytesIn,
    long bytesOut) {}
