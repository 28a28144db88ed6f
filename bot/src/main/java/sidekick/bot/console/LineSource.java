package sidekick.bot.console;

import java.io.IOException;

/** Where the console reads lines from: a plain reader, or a line editor on a terminal. */
public interface LineSource {
  /** The next line, or null at the end of input. */
  String readLine(String prompt) throws IOException;

  /** Adds a line to the editor's own history, if it keeps one. */
  default void remember(String line) {}
}
