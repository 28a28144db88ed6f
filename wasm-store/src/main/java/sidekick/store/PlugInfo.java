package sidekick.store;

import java.time.Instant;

/**
 * One plug of a channel as {@link WasmStore#list} and {@link WasmStore#find} show it.
 *
 * @param channel the channel it belongs to
 * @param name its name, unique within the channel
 * @param server the server (guild) of the channel at upload time, may be empty
 * @param hash lowercase hex sha256 of the module
 * @param length module length in bytes
 * @param uploadedBy the user who uploaded it
 * @param uploadedAt when it was uploaded (millisecond precision)
 * @param usage its usage statistics
 */
public record PlugInfo(
    String channel,
    String name,
    String server,
    String hash,
    long length,
    String uploadedBy,
    Instant uploadedAt,
    UsageStats usage) {}
