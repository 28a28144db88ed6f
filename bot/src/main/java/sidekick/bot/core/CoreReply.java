package sidekick.bot.core;

import java.util.Optional;

/**
 * The core's answer to a command.
 *
 * @param reply Markdown to post, or null when the text was no command for the bot
 * @param micros how long the core worked on it
 */
public record CoreReply(String reply, long micros) {

  public static CoreReply none() {
    return new CoreReply(null, 0);
  }

  public Optional<String> text() {
    return Optional.ofNullable(reply);
  }
}
