package sidekick.core;

import java.time.Instant;

/**
 * One event of a channel's feed. {@code json} is the complete event object as sent to clients:
 * {@code {"seq", "type", "at", "channel", ...type-specific fields}} (docs/protocol.md), so a server can
 * write it out as it is.
 */
public record Event(String channel, long seq, String type, Instant at, String json) {}
