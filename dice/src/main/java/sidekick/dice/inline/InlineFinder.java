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
import sidekick.dice.SavedRolls;
import sidekick.dice.parse.DiceParser;
import sidekick.dice.parse.ParseCache;

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
  private static final Pattern SAVED_NAME = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

  /** Words that may stand inside an expression at depth 0 (when followed by "("). */
  private static final String[] FUNCTIONS = {"floor", "ceil", "round", "abs", "sqrt", "pow", "min", "max", "repeat"};

  private final DiceParser parser;
  private final ParseCache cache;
  private final DiceLimits limits;
  /** False only in tests: try every word boundary, so the cheap checks can be compared against it. */
  private final boolean prefilter;

  /**
   * @param cache the engine's parse cache: a candidate that is exactly an expression seen before
   *     (the common case, "1d20+5") costs a lookup, not a parse
   */
  public InlineFinder(DiceParser parser, ParseCache cache, DiceLimits limits) {
    this(parser, cache, limits, true);
  }

  InlineFinder(DiceParser parser, ParseCache cache, DiceLimits limits, boolean prefilter) {
    this.parser = parser;
    this.cache = cache;
    this.limits = limits;
    this.prefilter = prefilter;
  }

  public List<InlineMatch> find(String text, SavedRolls saved) {
    List<InlineMatch> found = new ArrayList<>();
    if (text == null || text.isEmpty()) return found;
    int n = text.length();
    int firstForced = indexOfDoubleBracket(text, 0);
    BlockedSpans blocked = blockedSpans(text);
    List<InlineMatch> forced = List.of();
    if (firstForced >= 0) {
      if (blocked == BlockedSpans.NONE) blocked = BlockedSpans.empty();
      forced = forcedRolls(text, firstForced, blocked);
      blocked.merge();
    }
    // every unforced roll holds a die (or a saved roll the caller knows) outside blocked text:
    // the next such die is found with indexOf, and past the last one the scan stops
    boolean savedMayRoll = saved != SavedRolls.NONE && text.indexOf('$') >= 0;
    int die = -1; // the first die at or after i, n when none is left
    DieScanner dice = prefilter ? new DieScanner(text, blocked) : null;
    OpenerScanner openers = prefilter ? new OpenerScanner(text) : null;
    int bracket = -1; // the first of ( { [ at or after i

    int next = 0; // index into forced, to keep matches in text order
    int i = 0;
    while (i < n && found.size() < limits.maxInlineRolls()) {
      while (next < forced.size() && forced.get(next).start() <= i) found.add(forced.get(next++));
      InlineMatch m = null;
      int after = i + 1; // where to look next when nothing starts at i
      if (!prefilter) {
        if (!blocked.contains(i) && startsExpression(text, i)) m = longestAt(text, i, blocked, saved, -1);
      } else {
        if (die < i) die = dice.next(i);
        if (die == n && !savedMayRoll) break;
        if (!savedMayRoll && die < n) {
          // no roll starts before the plain text in front of the first die: jump past it
          if (bracket < i) bracket = openers.next(i);
          if (bracket >= die) {
            int from = reachableFrom(text, i, die, blocked);
            if (from > i) {
              i = from;
              continue;
            }
          }
        }
        char c = text.charAt(i);
        if (isWordChar(c)) {
          // a word: only its first character can start a roll, and the word itself says whether
          after = wordEnd(text, i + 1);
          if (atWordBoundary(text, i) && wordStartsExpression(text, c, i, after) && !blocked.contains(i)) {
            m = longestAt(text, i, blocked, saved, die);
          }
        } else if ((c == '(' || c == '{' || c == '$') && atWordBoundary(text, i) && !blocked.contains(i)) {
          m = longestAt(text, i, blocked, saved, die);
        }
      }
      if (m != null) {
        found.add(m);
        i = m.end();
      } else {
        i = after;
      }
    }
    while (next < forced.size()) found.add(forced.get(next++));
    return found.size() > limits.maxInlineRolls() ? List.copyOf(found.subList(0, limits.maxInlineRolls())) : found;
  }

  /** Code, URLs and mentions; {@link BlockedSpans#NONE} when the text has none of them. */
  private static BlockedSpans blockedSpans(String text) {
    // each pattern runs only when its trigger is in the text: most messages have none
    boolean code = text.indexOf('`') >= 0;
    boolean url = containsSchemeSeparator(text) || containsWwwDot(text);
    boolean mention = text.indexOf('<') >= 0;
    if (!code && !url && !mention) return BlockedSpans.NONE;
    BlockedSpans blocked = BlockedSpans.empty();
    if (code) block(CODE, text, blocked);
    if (url) block(URL, text, blocked);
    if (mention) block(MENTION, text, blocked);
    return blocked.merge();
  }

  /**
   * {@code [[expr]]} on one line, not inside code or a URL; each is added to {@code blocked}
   * (which the caller merges afterwards). Finds what
   * the regex {@code \[\[(.*?)]]} would (the shortest inner text, no line break in it) without
   * running a regex over every message.
   */
  private List<InlineMatch> forcedRolls(String text, int first, BlockedSpans blocked) {
    List<InlineMatch> forced = new ArrayList<>();
    int n = text.length();
    int s = first;
    while (s >= 0) {
      int close = -1;
      for (int k = s + 2; k + 1 < n; k++) {
        char ch = text.charAt(k);
        if (ch == ']' && text.charAt(k + 1) == ']') {
          close = k;
          break;
        }
        if (isLineBreak(ch)) break;
      }
      if (close < 0) {
        s = indexOfDoubleBracket(text, s + 1);
        continue;
      }
      int end = close + 2;
      if (!blocked.contains(s)) { // holds only code, URLs and mentions yet: each search starts past the last roll
        forced.add(forcedMatch(s, end, text.substring(s + 2, close)));
        blocked.add(s, end);
      }
      s = indexOfDoubleBracket(text, end);
    }
    return forced;
  }

  /** What a regex {@code .} does not match. */
  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** Finds every expression and rolls it; each match is replaced by its rendering. */
  public InlineResult rollAll(String text, RandomSource random, SavedRolls saved, boolean markdown) {
    List<InlineMatch> matches = find(text, saved);
    if (matches.isEmpty()) return new InlineResult(text, List.of());
    InlineRoll[] rolls = new InlineRoll[matches.size()];
    StringBuilder out = new StringBuilder(text.length() + 64);
    int at = 0;
    for (int k = 0; k < rolls.length; k++) {
      InlineMatch m = matches.get(k);
      InlineRoll roll = roll(m, random, saved);
      rolls[k] = roll;
      out.append(text, at, m.start());
      roll.appendTo(out, markdown); // straight into the text: no string per roll
      at = m.end();
    }
    out.append(text, at, text.length());
    return new InlineResult(out.toString(), immutableList(rolls));
  }

  private static InlineRoll roll(InlineMatch m, RandomSource random, SavedRolls saved) {
    if (!m.ok()) return new InlineRoll(m, null, m.error());
    try {
      return new InlineRoll(m, m.expression().roll(random, saved), null);
    } catch (DiceException e) {
      return new InlineRoll(m, null, e);
    }
  }

  /** {@code List.of} of the rolls: the usual one or two need no array (InlineResult copies no immutable list). */
  private static List<InlineRoll> immutableList(InlineRoll[] rolls) {
    switch (rolls.length) {
      case 1:
        return List.of(rolls[0]);
      case 2:
        return List.of(rolls[0], rolls[1]);
      default:
        return List.of(rolls);
    }
  }

  private InlineMatch forcedMatch(int start, int end, String inner) {
    try {
      return new InlineMatch(start, end, inner.strip(), true, parseWhole(inner), null);
    } catch (DiceException e) {
      return new InlineMatch(start, end, inner.strip(), true, null, e);
    }
  }

  /**
   * The longest valid roll starting at {@code start}, or null.
   *
   * @param die the first die at or after {@code start} outside blocked text, or -1 to parse
   *     without that check (the exhaustive mode of tests)
   */
  private InlineMatch longestAt(String text, int start, BlockedSpans blocked, SavedRolls saved, int die) {
    // a run never enters blocked text: the first blocked position after the start ends it
    int limit = Math.min(Math.min(text.length(), start + limits.maxExpressionLength()), blocked.nextBlocked(start));
    int runEnd = start + expressionLike(text, start, limit);
    // a roll needs a die or a saved roll the caller knows: most candidates end here, unparsed
    boolean mayRoll = die < runEnd;
    if (!mayRoll && (saved == SavedRolls.NONE || text.lastIndexOf('$', runEnd - 1) < start)) return null;
    int trimmed = runEnd;
    while (trimmed > start && Character.isWhitespace(text.charAt(trimmed - 1))) trimmed--;
    // "(a 1d4)": a parenthesis before a plain word never parses (the die is tried from its own start)
    if (die >= 0 && text.charAt(start) == '(' && opensOnAPlainWord(text, start, trimmed)) return null;
    String run = text.substring(start, trimmed);
    if (!mayRoll && !hasKnownSavedRoll(run, saved)) return null;
    DiceExpression e = wholeOrPrefix(run);
    if (e == null) return null;
    int end = start + e.text().length();
    if (!endsWord(text, end) || !e.hasRealDie() || !savedRollsExist(e.text(), saved)) return null;
    return new InlineMatch(start, end, e.text(), false, e, null);
  }

  /**
   * Whether {@code text[start, end)}, which starts with {@code (}, holds after its opening
   * parentheses and spaces a word that is neither a die ({@code d20}, {@code dF}, {@code d%},
   * {@code d(}) nor a name before {@code (} (a function). No term of the grammar starts so, and a
   * parenthesis holds only an expression: no prefix of the run parses, and the failing parse
   * would cost far more than this look.
   */
  static boolean opensOnAPlainWord(String text, int start, int end) {
    int k = start;
    while (k < end && (text.charAt(k) == '(' || Character.isWhitespace(text.charAt(k)))) k++;
    if (k == end || !Character.isLetter(text.charAt(k))) return false;
    char c = text.charAt(k);
    if ((c == 'd' || c == 'D') && k + 1 < end && "0123456789%(Ff".indexOf(text.charAt(k + 1)) >= 0) return false;
    int w = k;
    while (w < end && Character.isLetter(text.charAt(w))) w++;
    while (w < end && Character.isWhitespace(text.charAt(w))) w++; // the grammar's spaces before "("
    return w == end || text.charAt(w) != '(';
  }

  /**
   * A forced roll's text as {@link sidekick.dice.Dice#parse} takes it (from the cache, or parsed
   * and then cached), called straight rather than through a function: the parse sits a few calls
   * less deep in the finder's compiled code, where the JIT's inlining depth runs out.
   */
  private DiceExpression parseWhole(String inner) {
    DiceExpression hit = cache.peek(inner);
    if (hit != null) return hit;
    DiceExpression e = parser.parse(inner); // errors are thrown, never cached
    cache.offer(inner, e);
    return e;
  }

  /**
   * The run itself when it is one expression (from the cache, or parsed and then cached), else its
   * longest expression prefix: one jparsec parse, which fails without an exception.
   */
  private DiceExpression wholeOrPrefix(String run) {
    if (run.isEmpty()) return null;
    DiceExpression hit = cache.peek(run);
    if (hit != null) return hit;
    DiceExpression e = parser.longestPrefix(run);
    if (e != null && e.text().length() == run.length()) cache.offer(run, e);
    return e;
  }

  /**
   * How much of the text from {@code start} can belong to one expression. The run ends at a line
   * break, {@code #}, a backtick, a non-ASCII character or {@code limit} (at most the first
   * blocked position); within it,
   * the expression stops at the first plain word outside brackets ("2d6+3 slashing" stops before
   * "slashing"). Words inside brackets, dice ({@code d20}, {@code 4d6kh3}), function names before
   * "(" and {@code $names} do not stop it, so no valid expression is ever cut. Scans only as far
   * as it needs to, never to the end of a long message.
   */
  private static int expressionLike(String text, int start, int limit) {
    int depth = 0;
    int i = start;
    while (inRun(text, i, limit)) {
      char c = text.charAt(i);
      if (c == '(' || c == '[' || c == '{') depth++;
      else if ((c == ')' || c == ']' || c == '}') && depth > 0) depth--;
      boolean wordStart = Character.isLetter(c) && (i == start || !Character.isLetterOrDigit(text.charAt(i - 1)) && "$)}!%".indexOf(text.charAt(i - 1)) < 0);
      if (depth == 0 && wordStart) {
        int w = i;
        while (inRun(text, w, limit) && Character.isLetterOrDigit(text.charAt(w))) w++;
        boolean die = (c == 'd' || c == 'D') && inRun(text, i + 1, limit) && "0123456789%(F".indexOf(text.charAt(i + 1)) >= 0;
        boolean function =
            inRun(text, w, limit) && text.charAt(w) == '('
                || isFunction(text, i, w) && nextNonSpaceInRunIs(text, w, limit, '(');
        if (!die && !function) return i - start;
        i = w;
        continue;
      }
      i++;
    }
    return i - start;
  }

  /**
   * Whether position {@code k} still belongs to the run. Callers move forward one position at a
   * time from inside the run, so checking {@code k} alone is enough.
   */
  private static boolean inRun(String text, int k, int limit) {
    return k < limit && canContinue(text.charAt(k));
  }

  /** Whether the first character after spaces from {@code from} is {@code wanted}, within the run. */
  private static boolean nextNonSpaceInRunIs(String text, int from, int limit, char wanted) {
    int k = from;
    while (inRun(text, k, limit) && text.charAt(k) == ' ') k++;
    return inRun(text, k, limit) && text.charAt(k) == wanted;
  }

  private static boolean nextNonSpaceIs(String text, int from, int end, char wanted) {
    int k = from;
    while (k < end && text.charAt(k) == ' ') k++;
    return k < end && text.charAt(k) == wanted;
  }

  /**
   * Whether a candidate with no die can still hold a roll: some {@code $name} in it is known. Not
   * every name must be: the roll may be a prefix ("$atk + 1$gold" rolls {@code $atk + 1}).
   */
  private static boolean hasKnownSavedRoll(String candidate, SavedRolls saved) {
    if (candidate.indexOf('$') < 0 || saved == SavedRolls.NONE) return false;
    Matcher m = SAVED_NAME.matcher(candidate);
    while (m.find()) if (saved.lookup(m.group(1)).isPresent()) return true;
    return false;
  }

  /** Unforced {@code $name} rolls count only when the name is saved ("costs $gold" stays text). */
  private static boolean savedRollsExist(String candidate, SavedRolls saved) {
    if (candidate.indexOf('$') < 0) return true;
    Matcher m = SAVED_NAME.matcher(candidate);
    while (m.find()) if (saved.lookup(m.group(1)).isEmpty()) return false;
    return true;
  }

  /** {@link #startsExpression} for the first character {@code c} of the word {@code text[i, wordEnd)}. */
  private static boolean wordStartsExpression(String text, char c, int i, int wordEnd) {
    if (c >= 128 || !STARTERS[c]) return false;
    if ((c >= '0' && c <= '9') || c == 'd' || c == 'D') return true;
    // a function name is the whole word (no digits or _ in it), followed by "("
    return wordEnd - i <= 6 && nextNonSpaceIs(text, wordEnd, text.length(), '(') && isFunction(text, i, wordEnd);
  }

  private static int wordEnd(String text, int from) {
    int w = from;
    int n = text.length();
    while (w < n && isWordChar(text.charAt(w))) w++;
    return w;
  }

  /**
   * Where a roll reaching the first die at {@code die} can start at the earliest, given that no
   * opening bracket or brace stands between {@code from} and the die (a closing one needs its
   * opening one inside the same roll) and no saved roll can take part (a {@code $} is text then):
   * after the last character
   * before the die that no such expression can hold (a letter, punctuation, a line break, blocked
   * text). Without brackets the text before a first die can only be numbers, operators and
   * spaces (function names need "(", modifiers and labels follow dice or brackets), so an
   * expression starting further left stops before that character and holds no die.
   */
  private static int reachableFrom(String text, int from, int die, BlockedSpans blocked) {
    int lowest = Math.max(from, blocked.lastEndAtOrBefore(die)); // the die itself is never blocked
    for (int k = die - 1; k >= lowest; k--) {
      if (!mayPrecedeFirstDie(text.charAt(k))) return k + 1;
    }
    return lowest;
  }

  /** Digits, a decimal point, operators and spaces (not a line break, which ends every run). */
  private static boolean mayPrecedeFirstDie(char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == ' ' || "+-*/%^".indexOf(c) >= 0
        || (c < 0x7f && c != '\n' && Character.isWhitespace(c));
  }

  /**
   * Finds, from left to right, what may open a roll before its first die: {@code (}, {@code {} or
   * {@code [}. Each is looked for with indexOf (vectorised, and most messages have none of them:
   * one pass each), its position remembered between calls. Not {@code $}: the finder asks only
   * when no saved roll can take part ({@code savedMayRoll} false), and then a roll holding a
   * {@code $name} is text.
   */
  private static final class OpenerScanner {
    private static final char[] OPENERS = {'(', '{', '['};
    private final String text;
    private final int[] next = {-2, -2, -2}; // per opener: at or after the last search, -1 none, -2 not searched yet

    OpenerScanner(String text) {
      this.text = text;
    }

    /** The first opener at or after {@code from}, or the text's length. */
    int next(int from) {
      int first = text.length();
      for (int k = 0; k < OPENERS.length; k++) {
        int p = next[k];
        if (p != -1 && p < from) next[k] = p = text.indexOf(OPENERS[k], from);
        if (p >= 0 && p < first) first = p;
      }
      return first;
    }
  }

  private static boolean atWordBoundary(String text, int i) {
    if (i == 0) return true;
    char p = text.charAt(i - 1);
    return !(isWordChar(p) || p == '.' || p == '$');
  }

  private static boolean startsExpression(String text, int i) {
    if (i > 0) {
      char p = text.charAt(i - 1);
      if (isWordChar(p) || p == '.' || p == '$') return false;
    }
    char c = text.charAt(i);
    if (c < 128 && !STARTERS[c]) return false;
    return (c >= '0' && c <= '9') || c == 'd' || c == 'D' || c == '(' || c == '{' || c == '$' || startsFunction(text, i);
  }

  /** ASCII characters that can begin an inline roll: digits, d, D, (, {, $ and function initials. */
  private static final boolean[] STARTERS = new boolean[128];
  /** ASCII letters, digits and underscore: what makes a word. */
  private static final boolean[] WORD = new boolean[128];

  static {
    for (char c : "0123456789dD({$fFcCrRaAsSpPmM".toCharArray()) STARTERS[c] = true;
    for (char c = 0; c < 128; c++) WORD[c] = Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean isWordChar(char c) {
    return c < 128 ? WORD[c] : Character.isLetterOrDigit(c);
  }

  /** {@code floor(}, {@code max (}, {@code repeat(}: a function call can start an inline roll. */
  private static boolean startsFunction(String text, int i) {
    int n = text.length();
    int w = i; // function names are ASCII letters: any other character ends the name
    while (w < n && w - i <= 6 && isAsciiLetter(text.charAt(w))) w++;
    return nextNonSpaceIs(text, w, n, '(') && isFunction(text, i, w); // "(" first: cheap and rare after a word
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Whether {@code text[from, to)} is a function name, without allocating. */
  private static boolean isFunction(String text, int from, int to) {
    for (String f : FUNCTIONS) {
      if (f.length() == to - from && text.regionMatches(true, from, f, 0, f.length())) return true;
    }
    return false;
  }

  /**
   * {@code text.indexOf("[[", from)}, found with the char search: a string search costs about
   * twice as much, and a {@code [} is rare in chat.
   */
  static int indexOfDoubleBracket(String text, int from) {
    int last = text.length() - 1;
    for (int i = text.indexOf('[', from); i >= 0 && i < last; i = text.indexOf('[', i + 1)) {
      if (text.charAt(i + 1) == '[') return i;
    }
    return -1;
  }

  /** Whether the text holds {@code ://}, looked for at each colon (cheaper than a string search). */
  static boolean containsSchemeSeparator(String text) {
    int last = text.length() - 2;
    for (int i = text.indexOf(':'); i >= 0 && i < last; i = text.indexOf(':', i + 1)) {
      if (text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') return true;
    }
    return false;
  }

  /** Whether the text holds {@code www.} in any case, looked for at each dot without copying. */
  private static boolean containsWwwDot(String text) {
    for (int i = text.indexOf('.', 3); i >= 0; i = text.indexOf('.', i + 1)) {
      if (isW(text.charAt(i - 1)) && isW(text.charAt(i - 2)) && isW(text.charAt(i - 3))) return true;
    }
    return false;
  }

  private static boolean isW(char c) {
    return (c | 0x20) == 'w';
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

  private static void block(Pattern p, String text, BlockedSpans blocked) {
    Matcher m = p.matcher(text);
    while (m.find()) blocked.add(m.start(), m.end());
  }

  /**
   * Finds the dice of a text from left to right, each {@code d} and {@code D} with indexOf (which
   * is vectorised: far cheaper than a loop of our own), each letter's position remembered between
   * calls so the text is searched once.
   */
  private static final class DieScanner {
    private final String text;
    private final BlockedSpans blocked;
    private int lower = -2; // the next 'd' at or after the last search, -1 none, -2 not searched yet
    private int upper = -2;

    DieScanner(String text, BlockedSpans blocked) {
      this.text = text;
      this.blocked = blocked;
    }

    /** The first die at or after {@code from} outside blocked text, or the text's length. */
    int next(int from) {
      if (lower != -1 && lower < from) lower = text.indexOf('d', from);
      if (upper != -1 && upper < from) upper = text.indexOf('D', from);
      while (lower >= 0 || upper >= 0) {
        int p = lower < 0 ? upper : upper < 0 ? lower : Math.min(lower, upper);
        if (isDieAt(text, p) && !blocked.contains(p)) return p;
        if (p == lower) lower = text.indexOf('d', p + 1);
        else upper = text.indexOf('D', p + 1);
      }
      return text.length();
    }
  }

  /**
   * A die: the {@code d} of {@code 2d6}, {@code d20}, {@code d%}, {@code dF} (or {@code df}, as
   * the grammar allows), {@code (1d4)d(2)}, not inside a word.
   */
  private static boolean isDieAt(String text, int i) {
    char c = text.charAt(i);
    if ((c != 'd' && c != 'D') || i + 1 >= text.length()) return false;
    // most d's are inside words ("and", "shield"): the letter before rules them out first
    char before = i == 0 ? ' ' : text.charAt(i - 1);
    if (before < 128 ? WORD[before] && !(before >= '0' && before <= '9') : Character.isLetter(before)) return false;
    char after = text.charAt(i + 1);
    return Character.isDigit(after) || after == '%' || after == '(' || after == 'F' || after == 'f';
  }

}
