package sidekick.bot.core;

import java.util.Objects;

/**
 * One chat command for the core, as in {@code POST /v1/commands}.
 *
 * @param attachment a file sent with the command (a plug module for {@code /r plug add}), or null
 * @param requestKey unique to the chat event (a Discord message or interaction id), so a command
 *     sent again (a retry, a redelivered event) runs once on the core; null for none
 */
public record CoreCommand(
    String channel,
    String server,
    String user,
    String userName,
    String text,
    boolean canManagePlugs,
    Attachment attachment,
    String requestKey) {

  public CoreCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(text, "text");
  }

  public CoreCommand(
      String channel, String server, String user, String userName, String text, boolean canManagePlugs, Attachment attachment) {
    this(channel, server, user, userName, text, canManagePlugs, attachment, null);
  }

  /** A file that travels with a command. */
  public record Attachment(String name, byte[] bytes) {}
}
