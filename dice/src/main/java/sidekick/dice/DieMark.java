package sidekick.dice;

/** What happened to one die, for rendering and for callers that inspect a roll. */
public enum DieMark {
  /** Not counted: removed by keep/drop. */
  DROPPED,
  /** Replaced by a reroll ({@code r}, {@code ro}) or by {@code u}nique; not counted. */
  REROLLED,
  /** Made another die roll ({@code !}); the extra die follows it. */
  EXPLODED,
  /** The sum of a compounding chain ({@code !!}). */
  COMPOUNDED,
  /** Rolled because the previous die penetrated ({@code !p}); counted one less. */
  PENETRATED,
  /** Raised by {@code minN}. */
  CLAMPED_MIN,
  /** Lowered by {@code maxN}. */
  CLAMPED_MAX,
  /** Counted as a success ({@code >N} and friends). */
  SUCCESS,
  /** Counted as a success twice ({@code tN}). */
  DOUBLE_SUCCESS,
  /** Counted as a failure ({@code fN}). */
  FAILURE,
  /** Natural maximum, or matches {@code csN}. Display only. */
  CRITICAL_SUCCESS,
  /** Natural minimum, or matches {@code cfN}. Display only. */
  CRITICAL_FAILURE
}
