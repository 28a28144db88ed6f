package sidekick.core.command;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a chat message: text after a command prefix ({@code /r}, {@code !r}) is a command, anything
 * else is chat. Keywords come first ({@code stats}, {@code deal}, {@code plug}, ...); whatever is not
 * a keyword is a dice expression, checked later by the dice engine.
 */
public final class CommandParser {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern SAVED = Pattern.compile("\\$([^\\s=]*)\\s*(=)?\\s*(.*)", Pattern.DOTALL);

  private final List<String> prefixes;
  private final String mainPrefix;

  public CommandParser(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
    this.mainPrefix = prefixes.get(0);
  }

  public String mainPrefix() {
    return mainPrefix;
  }

  /** The text after the prefix when {@code text} starts with one (then a space or the end), else null. */
  public String afterPrefix(String text) {
    String t = text.stripLeading();
    for (String p : prefixes) {
      if (t.regionMatches(true, 0, p, 0, p.length())
          && (t.length() == p.length() || Character.isWhitespace(t.charAt(p.length())))) {
        return t.substring(p.length()).strip();
      }
    }
    return null;
  }

  public Command parse(String text) {
    String rest = afterPrefix(text);
    return rest == null ? new Command.Chat(text) : parseCommand(rest);
  }

  /** Parses what follows the prefix. */
  public Command parseCommand(String rest) {
    if (rest.isEmpty()) return new Command.Help(null);
    if (rest.startsWith("$")) return saved(rest);
    // the first word by hand: most commands are rolls, which need no split into words
    int end = 0;
    while (end < rest.length() && !splitsWords(rest.charAt(end))) end++;
    String head = rest.substring(0, end).toLowerCase(Locale.ROOT);
    switch (head) {
      case "help":
      case "?": {
        String tail = rest.substring(end).strip();
        return new Command.Help(tail.isEmpty() ? null : tail.toLowerCase(Locale.ROOT));
      }
      case "stats":
      case "odds": {
        String tail = rest.substring(end).strip();
        return tail.isEmpty()
            ? new Command.Malformed("Which roll? Write `" + mainPrefix + " stats 3d6`.")
            : new Command.Stats(tail);
      }
      case "deal":
        return deal(rest.substring(end).strip());
      case "shuffle":
        return rest.substring(end).isBlank() ? new Command.Shuffle()
            : new Command.Malformed("`" + mainPrefix + " shuffle` takes nothing after it.");
      case "plug":
      case "plugs":
        return plug(WHITESPACE.split(rest));
      case "bind":
        return isApp(rest.substring(end).strip()) ? new Command.BindApp()
            : new Command.Malformed("Did you mean `" + mainPrefix + " bind app`?");
      case "unbind":
        return isApp(rest.substring(end).strip()) ? new Command.UnbindApp()
            : new Command.Malformed("Did you mean `" + mainPrefix + " unbind app`?");
      case "inline":
        return inline(rest.substring(end).strip());
      default:
        return new Command.Roll(rest);
    }
  }

  private Command saved(String rest) {
    Matcher m = SAVED.matcher(rest);
    if (!m.matches()) return new Command.Roll(rest);
    String name = m.group(1);
    boolean assign = m.group(2) != null;
    String expr = m.group(3).strip();
    if (name.isEmpty() && !assign && expr.isEmpty()) return new Command.ListRolls();
    if (!assign) return new Command.Roll(rest);
    if (name.isEmpty()) {
      return new Command.Malformed("Give the saved roll a name: `" + mainPrefix + " $sword = 1d8+3`.");
    }
    return expr.isEmpty() ? new Command.DeleteRoll(name) : new Command.SaveRoll(name, expr);
  }

  private Command deal(String tail) {
    if (tail.isEmpty()) return new Command.Deal(1);
    try {
      int n = Integer.parseInt(tail);
      if (n >= 1) return new Command.Deal(n);
    } catch (NumberFormatException ignored) {
      // fall through to the usage message
    }
    return new Command.Malformed("How many cards? Write `" + mainPrefix + " deal 5`.");
  }

  private Command plug(String[] words) {
    String usage = "Plug commands: `" + mainPrefix + " plug add NAME` (with the .wasm attached), `"
        + mainPrefix + " plug rm NAME`, `" + mainPrefix + " plug ls`, `" + mainPrefix + " plug stats`.";
    if (words.length < 2) return new Command.Malformed(usage);
    String verb = words[1].toLowerCase(Locale.ROOT);
    String arg = words.length > 2 ? words[2] : null;
    boolean extra = words.length > 3;
    switch (verb) {
      case "add":
      case "put":
        return arg == null || extra ? new Command.Malformed(usage) : new Command.PlugAdd(arg);
      case "rm":
      case "remove":
      case "del":
        return arg == null || extra ? new Command.Malformed(usage) : new Command.PlugRemove(arg);
      case "ls":
      case "list":
        return arg == null ? new Command.PlugList() : new Command.Malformed(usage);
      case "stats":
        return arg == null ? new Command.PlugStats() : new Command.Malformed(usage);
      default:
        return new Command.Malformed(usage);
    }
  }

  private Command inline(String tail) {
    switch (tail.toLowerCase(Locale.ROOT)) {
      case "":
        return new Command.Inline(null);
      case "on":
        return new Command.Inline(true);
      case "off":
        return new Command.Inline(false);
      default:
        return new Command.Malformed("Write `" + mainPrefix + " inline on` or `" + mainPrefix + " inline off`.");
    }
  }

  /** The characters of {@link #WHITESPACE} ({@code \\s}). */
  private static boolean splitsWords(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean isApp(String tail) {
    return tail.equalsIgnoreCase("app");
  }
}
