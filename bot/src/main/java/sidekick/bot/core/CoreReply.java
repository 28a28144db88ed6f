package sidekick.bot.core;

import java.util.Optional;

/**
 * The core's answer to a command.
 *
 * @param reply Markdown to post, or null when the text was no command for the bot
 * @param micros how long the core worked on it
 * @param ephemeral the reply is for its asker's eyes only (it holds a secret)
 */
public record CoreReply(String reply, long micros, boolean ephemeral) {

  public CoreReply(String reply, long micros) {
    this(reply, micros, false);
  }

  public static CoreReply none() {
    return new CoreReply(null, 0, false);
  }

  public Optional<String> text() {
    return Optional.ofNullable(reply);
  }
}
