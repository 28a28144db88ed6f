package sidekick.bot.commands;

/**
 * What a shard posts for a command.
 *
 * @param text Markdown, already fitted to one message
 * @param privately show it only to the person who asked (a secret such as an app binding code):
 *     an ephemeral reply or a direct message on Discord
 */
public record Answer(String text, boolean privately) {
  public static Answer of(String text) {
    return new Answer(text, false);
  }
}
