package sidekick.dice.inline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sidekick.dice.DiceException;
import sidekick.dice.DiceExpression;
import sidekick.dice.DiceLimits;
import sidekick.dice.InlineMatch;
import sidekick.dice.InlineResult;
import sidekick.dice.InlineRoll;
import sidekick.dice.RandomSource;
import sidekick.dice.RollResult;
import sidekick.dice.SavedRolls;
import sidekick.dice.parse.DiceParser;

/**
 * Finds dice expressions inside chat text. {@code [[expr]]} always rolls. Elsewhere, at every word
 * boundary that can start an expression, the longest candidate that parses, ends at a word boundary
 * and rolls a die with 2 or more sides wins ("1d20 - the orc" rolls {@code 1d20}; "room D1" and
 * plain numbers are text). Inline code, code blocks, URLs and Discord mentions are never touched.
 */
public final class InlineFinder {
  /** Code blocks (to the end if never closed) and inline code, `x` or ``x``. */
  private static final Pattern CODE = Pattern.compile("```.*?(?:```|\\z)|(`+)[^`].*?\\1", Pattern.DOTALL);
  private static final Pattern URL = Pattern.compile("(?i:\\b(?:https?|ftp)://|\\bwww\\.)\\S+");
  /** Discord mentions, channels, custom emoji: {@code <@123>}, {@code <#123>}, {@code <:d20:123>}. */
  private static final Pattern MENTION = Pattern.compile("<[@#:a][^>\\s]*>");
  private static final Pattern FORCED = Pattern.compile("\\[\\[(.*?)]]");
  private static final Pattern SAVED_NAME = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

  private final DiceParser parser;
  private final DiceLimits limits;

  public InlineFinder(DiceParser parser, DiceLimits limits) {
    this.parser = parser;
    this.limits = limits;
  }

  public List<InlineMatch> find(String text, SavedRolls saved) {
    List<InlineMatch> found = new ArrayList<>();
    if (text == null || text.isEmpty()) return found;
    boolean[] blocked = new boolean[text.length()];
    // each pattern runs only when its trigger is in the text: most messages have none
    if (text.indexOf('`') >= 0) block(CODE, text, blocked);
    if (text.indexOf("://") >= 0 || text.regionMatches(true, 0, "www.", 0, 4) || text.toLowerCase(java.util.Locale.ROOT).contains("www.")) {
      block(URL, text, blocked);
    }
    if (text.indexOf('<') >= 0) block(MENTION, text, blocked);
    int[] nextDie = nextDie(text);

    List<InlineMatch> forced = new ArrayList<>();
    Matcher f = FORCED.matcher(text.indexOf("[[") >= 0 ? text : "");
    while (f.find()) {
      if (blocked[f.start()] || f.group(1).indexOf('\n') >= 0) continue;
      forced.add(forcedMatch(f.start(), f.end(), f.group(1)));
      fill(blocked, f.start(), f.end());
    }

    int next = 0; // index into forced, to keep matches in text order
    int i = 0;
    while (i < text.length() && found.size() < limits.maxInlineRolls()) {
      while (next < forced.size() && forced.get(next).start() <= i) found.add(forced.get(next++));
      if (blocked[i] || !startsExpression(text, i)) {
        i++;
        continue;
      }
      InlineMatch m = longestAt(text, i, blocked, saved, nextDie);
      if (m == null) {
        i++;
      } else {
        found.add(m);
        i = m.end();
      }
    }
    while (next < forced.size()) found.add(forced.get(next++));
    return found.size() > limits.maxInlineRolls() ? List.copyOf(found.subList(0, limits.maxInlineRolls())) : found;
  }

  /** Finds every expression and rolls it; each match is replaced by its rendering. */
  public InlineResult rollAll(String text, RandomSource random, SavedRolls saved, boolean markdown) {
    List<InlineRoll> rolls = new ArrayList<>();
    StringBuilder out = new StringBuilder(text.length() + 64);
    int at = 0;
    for (InlineMatch m : find(text, saved)) {
      InlineRoll roll;
      if (!m.ok()) {
        roll = new InlineRoll(m, null, m.error());
      } else {
        try {
          RollResult r = m.expression().roll(random, saved);
          roll = new InlineRoll(m, r, null);
        } catch (DiceException e) {
          roll = new InlineRoll(m, null, e);
        }
      }
      rolls.add(roll);
      out.append(text, at, m.start()).append(markdown ? roll.markdown() : roll.plain());
      at = m.end();
    }
    out.append(text, at, text.length());
    return new InlineResult(out.toString(), rolls);
  }

  private InlineMatch forcedMatch(int start, int end, String inner) {
    try {
      return new InlineMatch(start, end, inner.strip(), true, parser.parse(inner), null);
    } catch (DiceException e) {
      return new InlineMatch(start, end, inner.strip(), true, null, e);
    }
  }

  /** The longest valid roll starting at {@code start}, or null. */
  private InlineMatch longestAt(String text, int start, boolean[] blocked, SavedRolls saved, int[] nextDie) {
    int limit = Math.min(text.length(), start + limits.maxExpressionLength());
    int runEnd = start;
    while (runEnd < limit && !blocked[runEnd] && canContinue(text.charAt(runEnd))) runEnd++;
    if (nextDie[start] >= runEnd && (saved == SavedRolls.NONE || text.lastIndexOf('$', runEnd - 1) < start)) return null;
    String run = text.substring(start, runEnd);
    if (nextDie[start] >= runEnd && !hasKnownSavedRoll(run, saved)) return null;
    DiceExpression e = parser.longestPrefix(run);
    if (e == null) return null;
    int end = start + e.text().length();
    if (!endsWord(text, end) || !e.hasRealDie() || !savedRollsExist(e.text(), saved)) return null;
    return new InlineMatch(start, end, e.text(), false, e, null);
  }

  private static boolean hasKnownSavedRoll(String candidate, SavedRolls saved) {
    return candidate.indexOf('$') >= 0 && saved != SavedRolls.NONE && savedRollsExist(candidate, saved);
  }

  /** Unforced {@code $name} rolls count only when the name is saved ("costs $gold" stays text). */
  private static boolean savedRollsExist(String candidate, SavedRolls saved) {
    Matcher m = SAVED_NAME.matcher(candidate);
    while (m.find()) if (saved.lookup(m.group(1)).isEmpty()) return false;
    return true;
  }

  private static boolean startsExpression(String text, int i) {
    char c = text.charAt(i);
    boolean starter = Character.isDigit(c) || c == 'd' || c == 'D' || c == '(' || c == '{' || c == '$';
    if (!starter) return false;
    if (i == 0) return true;
    char p = text.charAt(i - 1);
    return !(Character.isLetterOrDigit(p) || p == '_' || p == '.' || p == '$');
  }

  private static boolean endsWord(String text, int end) {
    if (end >= text.length()) return true;
    char c = text.charAt(end);
    char last = text.charAt(end - 1);
    return !(Character.isLetterOrDigit(c) && Character.isLetterOrDigit(last)) && c != '_';
  }

  private static boolean canContinue(char c) {
    return c != '\n' && c != '#' && c != '`' && c < 0x7f;
  }

  private static void block(Pattern p, String text, boolean[] blocked) {
    Matcher m = p.matcher(text);
    while (m.find()) fill(blocked, m.start(), m.end());
  }

  /**
   * {@code nextDie[i]}: the index of the first die at or after i (the {@code d} of {@code 2d6},
   * {@code d20}, {@code d%}, {@code dF}, {@code (1d4)d(2)}), or the text length. One pass, so a
   * start position is tried only when a die follows it.
   */
  private static int[] nextDie(String text) {
    int n = text.length();
    int[] next = new int[n + 1];
    next[n] = n;
    for (int i = n - 1; i >= 0; i--) {
      next[i] = next[i + 1];
      char c = text.charAt(i);
      if ((c == 'd' || c == 'D') && i + 1 < n) {
        char after = text.charAt(i + 1);
        boolean sides = Character.isDigit(after) || after == '%' || after == '(' || after == 'F';
        char before = i == 0 ? ' ' : text.charAt(i - 1);
        if (sides && !Character.isLetter(before) && before != '_') next[i] = i;
      }
    }
    return next;
  }

  private static void fill(boolean[] blocked, int from, int to) {
    for (int k = from; k < to; k++) blocked[k] = true;
  }
}
