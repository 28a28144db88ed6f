package sidekick.bot.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides which chat messages go to the core. A message that starts with one of the configured
 * prefixes ({@code /r}, {@code !r} by default) is a command: the prefix is rewritten to the core's
 * {@code /r}. With inline rolls on, any other message that looks like it holds dice notation goes to
 * the core as it is, and the core finds the rolls. Everything else stays on the shard, so the core
 * does not see ordinary chatter.
 */
public final class CommandTrigger {
  /** The prefix the core understands. */
  public static final String CORE_PREFIX = "/r";

  public static final List<String> DEFAULT_PREFIXES = List.of("/r", "!r");

  /** A cheap hint of dice notation: 2d6, d20, d%, 4dF, or a [[...]] roll. The core decides for real. */
  private static final Pattern DICE_HINT =
      Pattern.compile("(?i)(?<![\\p{L}\\p{N}_])\\d*d(?:\\d|%|f\\b)|\\[\\[");

  private final List<String> prefixes;
  private final boolean inlineRolls;

  public CommandTrigger(List<String> prefixes, boolean inlineRolls) {
    List<String> sorted = new ArrayList<>();
    for (String p : prefixes) {
      String trimmed = p.strip();
      if (trimmed.isEmpty() || trimmed.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a command prefix must be one word: '" + p + "'");
      }
      sorted.add(trimmed);
    }
    if (sorted.isEmpty()) throw new IllegalArgumentException("at least one command prefix is needed");
    // Longest first, so "!roll" wins over "!r".
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.prefixes = List.copyOf(sorted);
    this.inlineRolls = inlineRolls;
  }

  public static CommandTrigger defaults() {
    return new CommandTrigger(DEFAULT_PREFIXES, true);
  }

  public List<String> prefixes() {
    return prefixes;
  }

  public boolean inlineRolls() {
    return inlineRolls;
  }

  /** The text to send to the core, or empty when the message is not for the bot. */
  public Optional<String> coreText(String message) {
    if (message == null) return Optional.empty();
    String text = message.strip();
    if (text.isEmpty()) return Optional.empty();
    Optional<String> command = asCommand(text);
    if (command.isPresent()) return command;
    if (inlineRolls && DICE_HINT.matcher(text).find()) return Optional.of(text);
    return Optional.empty();
  }

  /** The text rewritten to the core prefix when it starts with one of ours. */
  public Optional<String> asCommand(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String prefix : prefixes) {
      String p = prefix.toLowerCase(Locale.ROOT);
      if (lower.startsWith(p) && (text.length() == p.length() || Character.isWhitespace(text.charAt(p.length())))) {
        return Optional.of((CORE_PREFIX + text.substring(p.length())).strip());
      }
    }
    return Optional.empty();
  }

  /** Whether a core-form command asks to add a plug, so the shard should attach the uploaded file. */
  public static boolean isPlugAdd(String coreText) {
    String[] words = coreText.strip().split("\\s+");
    return words.length >= 3
        && words[0].equalsIgnoreCase(CORE_PREFIX)
        && words[1].equalsIgnoreCase("plug")
        && words[2].equalsIgnoreCase("add");
  }
}
