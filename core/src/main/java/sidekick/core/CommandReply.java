package sidekick.core;

import java.util.List;

/**
 * The answer to a command: {@code reply} is Discord-flavoured Markdown, or null when the text was no
 * command for the bot (then {@code rolls} is empty). {@code micros} is the processing time.
 * {@code ephemeral} asks the shard to show the reply only to the sender where it can (a bind code);
 * the event log never records such a reply's text.
 */
public record CommandReply(String reply, List<RollResult> rolls, long micros, boolean ephemeral) {
  public CommandReply {
    rolls = List.copyOf(rolls);
  }

  public static CommandReply none(long micros) {
    return new CommandReply(null, List.of(), micros, false);
  }

  public boolean isCommand() {
    return reply != null;
  }
}
