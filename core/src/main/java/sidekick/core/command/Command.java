package sidekick.core.command;

/** What a chat message asks of the bot, as {@link CommandParser} reads it. */
public sealed interface Command {
  /** Not addressed to the bot: only inline rolls (if any) are answered. */
  record Chat(String text) implements Command {}

  /** {@code /r EXPR [# comment]}, also {@code /r $name}, {@code /r repeat(...)}, {@code /r max(...)}. */
  record Roll(String expr) implements Command {}

  /** {@code /r $name = EXPR}. */
  record SaveRoll(String name, String expr) implements Command {}

  /** {@code /r $name =}. */
  record DeleteRoll(String name) implements Command {}

  /** {@code /r $}. */
  record ListRolls() implements Command {}

  /** {@code /r stats EXPR}. */
  record Stats(String expr) implements Command {}

  /** {@code /r deal [N]}. */
  record Deal(int count) implements Command {}

  /** {@code /r shuffle}. */
  record Shuffle() implements Command {}

  /** {@code /r help [topic]}. */
  record Help(String topic) implements Command {}

  /** {@code /r plug add NAME}. */
  record PlugAdd(String name) implements Command {}

  /** {@code /r plug rm NAME}. */
  record PlugRemove(String name) implements Command {}

  /** {@code /r plug ls}. */
  record PlugList() implements Command {}

  /** {@code /r plug stats}. */
  record PlugStats() implements Command {}

  /** {@code /r bind app}. */
  record BindApp() implements Command {}

  /** {@code /r unbind app}. */
  record UnbindApp() implements Command {}

  /** {@code /r inline [on|off]}; {@code on} null asks for the current setting. */
  record Inline(Boolean on) implements Command {}

  /** A command the parser recognised but could not read: the message says how to write it. */
  record Malformed(String message) implements Command {}
}
