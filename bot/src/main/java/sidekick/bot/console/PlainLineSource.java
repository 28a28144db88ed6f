package sidekick.bot.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/** Lines from a reader; the prompt is shown only when a person is typing (a terminal). */
public final class PlainLineSource implements LineSource {
  private final BufferedReader reader;
  private final PrintStream prompts;

  /** @param prompts where to show prompts, or null to show none (input from a pipe or file) */
  public PlainLineSource(BufferedReader reader, PrintStream prompts) {
    this.reader = reader;
    this.prompts = prompts;
  }

  @Override
  public String readLine(String prompt) throws IOException {
    if (prompts != null) {
      prompts.print(prompt);
      prompts.flush();
    }
    return reader.readLine();
  }
}
