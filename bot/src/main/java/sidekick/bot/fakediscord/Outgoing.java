package sidekick.bot.fakediscord;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something the bot did through REST, as the fake saw it.
 *
 * @param kind what it was
 * @param channelId the channel (0 for interaction callbacks)
 * @param messageId the message created, edited or deleted (0 when none)
 * @param content the text posted, or null
 * @param replyTo the message it replies to (a message reference), or the interaction id it answers
 * @param receivedNanos {@link System#nanoTime()} when the request reached the fake
 * @param body the request body
 */
public record Outgoing(
    Kind kind, long channelId, long messageId, String content, long replyTo, long receivedNanos, JsonNode body) {

  /** The kinds of bot actions the fake records. */
  public enum Kind {
    MESSAGE,
    INTERACTION_REPLY,
    INTERACTION_DEFER,
    INTERACTION_EDIT,
    INTERACTION_FOLLOWUP,
    DELETE
  }
}
