package sidekick.dice;

import java.util.List;
import sidekick.dice.inline.InlineFinder;
import sidekick.dice.parse.DiceParser;
import sidekick.dice.parse.ParseCache;

/**
 * The dice engine's front door. Thread-safe; make one per set of limits and share it.
 *
 * <pre>{@code
 * Dice dice = new Dice();
 * DiceExpression attack = dice.parse("1d20+5");      // parse once (cached)
 * RollResult r = attack.roll();                      // roll many times, from any thread
 * r.total(); r.markdown(); r.plain(); r.dice();
 * dice.roll("4d6kh3", RandomSource.seeded(7), SavedRolls.NONE);
 * dice.findInline("I swing for 2d6+3 slashing");     // spans of the rolls in chat text
 * dice.parse("3d6").distribution();                  // exact odds
 * }</pre>
 */
public final class Dice {
  private final DiceLimits limits;
  private final DiceParser parser;
  private final ParseCache cache;
  private final InlineFinder finder;

  public Dice() {
    this(DiceLimits.DEFAULTS);
  }

  public Dice(DiceLimits limits) {
    this.limits = limits;
    this.parser = new DiceParser(limits, this);
    this.cache = new ParseCache(limits.parseCacheSize());
    this.finder = new InlineFinder(parser, cache, limits);
  }

  public DiceLimits limits() {
    return limits;
  }

  /**
   * Parses an expression (the whole text must be one expression, optionally followed by {@code #
   * comment}). Results are cached, bounded by {@link DiceLimits#parseCacheSize()}.
   *
   * @throws DiceException saying what was expected and where
   */
  public DiceExpression parse(String text) {
    return cache.get(text, parser::parse);
  }

  /** Like {@link #parse} but never uses the cache (benchmarks, one-off checks). */
  public DiceExpression parseUncached(String text) {
    return parser.parse(text);
  }

  /** Parses (cached) and rolls with a fresh secure-seeded generator; no saved rolls. */
  public RollResult roll(String text) {
    return parse(text).roll(RandomSource.perRoll(), SavedRolls.NONE);
  }

  /** Parses (cached) and rolls with the given random source and saved rolls. */
  public RollResult roll(String text, RandomSource random, SavedRolls saved) {
    return parse(text).roll(random, saved);
  }

  /**
   * Every dice expression in a piece of chat text, in order, not overlapping: the longest valid
   * expression starting at a word boundary that rolls a die with 2 or more sides; {@code [[expr]]}
   * forces a roll; inline code, code blocks and URLs are skipped. At most {@link
   * DiceLimits#maxInlineRolls()} matches.
   */
  public List<InlineMatch> findInline(String text) {
    return finder.find(text, SavedRolls.NONE);
  }

  /**
   * Like {@link #findInline(String)}, and also finds unforced rolls that use {@code $name} when
   * {@code saved} knows every name in them ("costs $gold" stays text unless $gold is saved).
   */
  public List<InlineMatch> findInline(String text, SavedRolls saved) {
    return finder.find(text, saved);
  }

  /** Finds and rolls every inline expression and replaces each with its Markdown rendering. */
  public InlineResult rollInline(String text, RandomSource random, SavedRolls saved) {
    return finder.rollAll(text, random, saved, true);
  }

  /** Like {@link #rollInline} but renders each roll as plain text. */
  public InlineResult rollInlinePlain(String text, RandomSource random, SavedRolls saved) {
    return finder.rollAll(text, random, saved, false);
  }

  /** The exact distribution of an expression ({@code parse(text).distribution()}). */
  public Distribution distribution(String text) {
    return parse(text).distribution();
  }

  /** The exact distribution of an expression, resolving {@code $name} through {@code saved}. */
  public Distribution distribution(String text, SavedRolls saved) {
    return parse(text).distribution(saved);
  }
}
