package sidekick.bot.console;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Lines from a terminal through JLine: arrow keys, line editing, reverse search (Ctrl-R) and a
 * history kept across sessions in a file. Ctrl-C drops the line being typed; Ctrl-D ends.
 */
public final class JLineLineSource implements LineSource, AutoCloseable {
  private final Terminal terminal;
  private final LineReader reader;

  private JLineLineSource(Terminal terminal, Path historyFile) {
    this.terminal = terminal;
    this.reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("sidekick")
            .variable(LineReader.HISTORY_FILE, historyFile)
            .variable(LineReader.HISTORY_SIZE, ConsoleShard.HISTORY_SIZE)
            .variable(LineReader.HISTORY_FILE_SIZE, ConsoleShard.HISTORY_SIZE)
            // The console numbers its own history for !N; JLine must not expand ! itself.
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
  }

  /** The process's terminal. */
  public static JLineLineSource system(Path historyFile) throws IOException {
    return new JLineLineSource(TerminalBuilder.builder().system(true).build(), historyFile);
  }

  /** Any terminal (tests use a dumb one over streams). */
  public static JLineLineSource over(Terminal terminal, Path historyFile) {
    return new JLineLineSource(terminal, historyFile);
  }

  @Override
  public String readLine(String prompt) {
    while (true) {
      try {
        return reader.readLine(prompt);
      } catch (UserInterruptException e) {
        // Ctrl-C: forget the line, ask again
      } catch (EndOfFileException e) {
        return null;
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      reader.getHistory().save();
    } finally {
      terminal.close();
    }
  }
}
