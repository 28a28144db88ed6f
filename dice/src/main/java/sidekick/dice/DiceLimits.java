package sidekick.dice;

/**
 * Every limit of the dice engine in one immutable object. {@link #DEFAULTS} are sane for a chat
 * bot; use the {@code withX} methods to change one.
 *
 * @param maxDice dice rolled per expression, counting rerolls and explosions (beyond: an error)
 * @param maxExpressionLength characters in one expression
 * @param maxNestingDepth nesting of parentheses, groups, function calls and saved-roll references
 * @param maxSides sides of one die
 * @param maxRepeat the count of {@code repeat(expr, n)}
 * @param maxSavedRollDepth saved rolls referencing saved rolls, this deep at most
 * @param parseCacheSize parsed expressions kept by {@link Dice#parse} (0 disables the cache)
 * @param maxDistributionSupport distinct values one exact distribution may hold
 * @param maxInlineRolls rolls found in one chat message
 */
public record DiceLimits(
    int maxDice,
    int maxExpressionLength,
    int maxNestingDepth,
    int maxSides,
    int maxRepeat,
    int maxSavedRollDepth,
    int parseCacheSize,
    int maxDistributionSupport,
    int maxInlineRolls) {

  public static final int DEFAULT_MAX_DICE = 1000;
  public static final int DEFAULT_MAX_EXPRESSION_LENGTH = 500;
  public static final int DEFAULT_MAX_NESTING_DEPTH = 32;
  public static final int DEFAULT_MAX_SIDES = 1_000_000;
  public static final int DEFAULT_MAX_REPEAT = 100;
  public static final int DEFAULT_MAX_SAVED_ROLL_DEPTH = 8;
  public static final int DEFAULT_PARSE_CACHE_SIZE = 4096;
  public static final int DEFAULT_MAX_DISTRIBUTION_SUPPORT = 200_000;
  public static final int DEFAULT_MAX_INLINE_ROLLS = 20;

  public static final DiceLimits DEFAULTS =
      new DiceLimits(
          DEFAULT_MAX_DICE,
          DEFAULT_MAX_EXPRESSION_LENGTH,
          DEFAULT_MAX_NESTING_DEPTH,
          DEFAULT_MAX_SIDES,
          DEFAULT_MAX_REPEAT,
          DEFAULT_MAX_SAVED_ROLL_DEPTH,
          DEFAULT_PARSE_CACHE_SIZE,
          DEFAULT_MAX_DISTRIBUTION_SUPPORT,
          DEFAULT_MAX_INLINE_ROLLS);

  public DiceLimits {
    requirePositive("maxDice", maxDice);
    requirePositive("maxExpressionLength", maxExpressionLength);
    requirePositive("maxNestingDepth", maxNestingDepth);
    if (maxSides < 2) throw new IllegalArgumentException("maxSides must be at least 2");
    requirePositive("maxRepeat", maxRepeat);
    requirePositive("maxSavedRollDepth", maxSavedRollDepth);
    if (parseCacheSize < 0) throw new IllegalArgumentException("parseCacheSize must be >= 0");
    requirePositive("maxDistributionSupport", maxDistributionSupport);
    requirePositive("maxInlineRolls", maxInlineRolls);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) throw new IllegalArgumentException(name + " must be positive");
  }

  public DiceLimits withMaxDice(int v) {
    return new DiceLimits(v, maxExpressionLength, maxNestingDepth, maxSides, maxRepeat, maxSavedRollDepth, parseCacheSize, maxDistributionSupport, maxInlineRolls);
  }

  public DiceLimits withMaxExpressionLength(int v) {
    return new DiceLimits(maxDice, v, maxNestingDepth, maxSides, maxRepeat, maxSavedRollDepth, parseCacheSize, maxDistributionSupport, maxInlineRolls);
  }

  public DiceLimits withMaxNestingDepth(int v) {
    return new DiceLimits(maxDice, maxExpressionLength, v, maxSides, maxRepeat, maxSavedRollDepth, parseCacheSize, maxDistributionSupport, maxInlineRolls);
  }

  public DiceLimits withMaxSides(int v) {
    return new DiceLimits(maxDice, maxExpressionLength, maxNestingDepth, v, maxRepeat, maxSavedRollDepth, parseCacheSize, maxDistributionSupport, maxInlineRolls);
  }

  public DiceLimits withMaxRepeat(int v) {
    return new DiceLimits(maxDice, maxExpressionLength, maxNestingDepth, maxSides, v, maxSavedRollDepth, parseCacheSize, maxDistributionSupport, maxInlineRolls);
  }

  public DiceLimits withMaxSavedRollDepth(int v) {
    return new DiceLimits(maxDice, maxExpressionLength, maxNestingDepth, maxSides, maxRepeat, v, parseCacheSize, maxDistributionSupport, maxInlineRolls);
  }

  public DiceLimits withParseCacheSize(int v) {
    return new DiceLimits(maxDice, maxExpressionLength, maxNestingDepth, maxSides, maxRepeat, maxSavedRollDepth, v, maxDistributionSupport, maxInlineRolls);
  }

  public DiceLimits withMaxDistributionSupport(int v) {
    return new DiceLimits(maxDice, maxExpressionLength, maxNestingDepth, maxSides, maxRepeat, maxSavedRollDepth, parseCacheSize, v, maxInlineRolls);
  }

  public DiceLimits withMaxInlineRolls(int v) {
    return new DiceLimits(maxDice, maxExpressionLength, maxNestingDepth, maxSides, maxRepeat, maxSavedRollDepth, parseCacheSize, maxDistributionSupport, v);
  }
}
