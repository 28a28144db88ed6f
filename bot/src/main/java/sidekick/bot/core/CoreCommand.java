package sidekick.bot.core;

import java.util.Objects;

/**
 * One chat command for the core, as in {@code POST /v1/commands}.
 *
 * @param attachment a file sent with the command (a plug module for {@code /r plug add}), or null
 */
public record CoreCommand(
    String channel,
    String server,
    String user,
    String userName,
    String text,
    boolean canManagePlugs,
    Attachment attachment) {

  public CoreCommand {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(text, "text");
  }

  /** A file that travels with a command. */
  public record Attachment(String name, byte[] bytes) {}
}
