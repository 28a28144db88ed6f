package sidekick.bot.console;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sidekick.bot.commands.Answer;
import sidekick.bot.commands.Origin;
import sidekick.bot.commands.ShardCommands;

/**
 * The terminal shard: each line typed is a command in a local channel, its reply printed. Besides
 * what the core understands ({@code /r 2d6}, inline rolls, {@code /r plug ...}) it knows a few
 * local commands: {@code /plug add NAME FILE} uploads a .wasm file from disk, {@code /plug rm|ls|stats},
 * {@code /stats EXPR}, {@code history}, {@code !N} to repeat line N, {@code help} and {@code exit}.
 */
public final class ConsoleShard {
  /** Lines kept for {@code history} and {@code !N}. */
  public static final int HISTORY_SIZE = 500;

  private final ShardCommands commands;
  private final Origin origin;
  private final LineSource in;
  private final PrintStream out;
  private final Duration answerTimeout;
  private final List<String> history = new ArrayList<>();

  public ConsoleShard(ShardCommands commands, Origin origin, LineSource in, PrintStream out, Duration answerTimeout) {
    this.commands = commands;
    this.origin = origin;
    this.in = in;
    this.out = out;
    this.answerTimeout = answerTimeout;
  }

  /** Reads and answers lines until end of input or {@code exit}. */
  public void run() throws IOException {
    out.println("Sidekick console in channel '" + origin.channel() + "'. Type 'help' for help, 'exit' to leave.");
    String line;
    while ((line = in.readLine("sidekick> ")) != null) {
      String text = line.strip();
      if (text.isEmpty()) continue;
      if (text.equals("exit") || text.equals("quit")) return;
      if (text.startsWith("!") && text.length() > 1 && text.substring(1).chars().allMatch(Character::isDigit)) {
        text = recall(text);
        if (text == null) continue;
        out.println(text);
      }
      remember(text);
      out.println(answer(text));
    }
  }

  private String recall(String bang) {
    int n = Integer.parseInt(bang.substring(1));
    if (n < 1 || n > history.size()) {
      out.println("no line " + n + " in the history");
      return null;
    }
    return history.get(n - 1);
  }

  private void remember(String text) {
    history.add(text);
    if (history.size() > HISTORY_SIZE) history.remove(0);
    in.remember(text);
  }

  /** The text to print for one line. */
  String answer(String text) {
    String[] w = text.split("\\s+");
    switch (w[0]) {
      case "help":
        return HELP;
      case "history":
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < history.size(); i++) b.append(String.format("%4d  %s%n", i + 1, history.get(i)));
        return b.toString().stripTrailing();
      case "/stats":
        return w.length < 2 ? "usage: /stats EXPR" : await(commands.stats(text.substring(w[0].length()))).text();
      case "/plug":
        return plug(w);
      default:
        Optional<Answer> reply = await(commands.raw(origin, text));
        return reply.map(Answer::text).orElse("(no reply: commands start with /r, e.g. /r 2d6+3)");
    }
  }

  private String plug(String[] w) {
    String sub = w.length > 1 ? w[1] : "";
    switch (sub) {
      case "add":
        if (w.length != 4) return "usage: /plug add NAME FILE.wasm";
        Path file = Path.of(w[3]);
        return await(commands.plugAdd(origin, w[2], () -> read(file))).text();
      case "rm":
        return w.length != 3 ? "usage: /plug rm NAME" : await(commands.plugRemove(origin, w[2])).text();
      case "ls":
        return await(commands.plugList(origin)).text();
      case "stats":
        return await(commands.plugStats(origin)).text();
      default:
        return "usage: /plug add NAME FILE | /plug rm NAME | /plug ls | /plug stats";
    }
  }

  private static CompletableFuture<byte[]> read(Path file) {
    try {
      return CompletableFuture.completedFuture(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return CompletableFuture.failedFuture(new sidekick.bot.commands.UserFacingException("no such file: " + file));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(
          new sidekick.bot.commands.UserFacingException("cannot read " + file + ": " + e.getMessage()));
    }
  }

  private <T> T await(CompletableFuture<T> answer) {
    try {
      return answer.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + answerTimeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      // ShardCommands never fails its futures; this is a bug worth a loud message.
      throw new IllegalStateException(e.getCause());
    }
  }

  static final String HELP =
      String.join(
          "\n",
          "  /r 2d6+3 # attack      roll (and anything else the core understands, e.g. /r plug ...)",
          "  I hit for 1d8+2        inline rolls in free text",
          "  /stats 3d6             probability distribution",
          "  /plug add NAME FILE    upload a .wasm plug from disk into this channel",
          "  /plug rm NAME | /plug ls | /plug stats",
          "  history, !N            list earlier lines, repeat line N",
          "  exit                   leave");
}
