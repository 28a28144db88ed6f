package sidekick.dice.eval;

import sidekick.dice.render.Numbers;

/** A compare point: {@code >8}, {@code >=8}, {@code <2}, {@code <=2}, {@code =6} (a bare number is {@code =}). */
public record Compare(Op op, double value) {
  public enum Op {
    EQ("="), GT(">"), GE(">="), LT("<"), LE("<=");

    public final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  public boolean matches(double v) {
    switch (op) {
      case EQ: return v == value;
      case GT: return v > value;
      case GE: return v >= value;
      case LT: return v < value;
      default: return v <= value;
    }
  }

  /**
   * The least whole number this compare point matches ({@link Long#MIN_VALUE} when unbounded
   * below, {@link Long#MAX_VALUE} when it matches none): with {@link #highestWhole()}, the range a
   * tight loop over whole faces checks instead of {@link #matches}.
   */
  public long lowestWhole() {
    switch (op) {
      case GT: return (long) (Math.floor(value) + 1); // the casts saturate: >1e300 matches no long
      case GE: return (long) Math.ceil(value);
      case EQ: return value == Math.rint(value) ? (long) value : Long.MAX_VALUE;
      default: return Long.MIN_VALUE;
    }
  }

  /** The greatest whole number this compare point matches; see {@link #lowestWhole()}. */
  public long highestWhole() {
    switch (op) {
      case LT: return (long) (Math.ceil(value) - 1);
      case LE: return (long) Math.floor(value);
      case EQ: return value == Math.rint(value) ? (long) value : Long.MIN_VALUE;
      default: return Long.MAX_VALUE;
    }
  }

  /** True when any compare point of the list matches. */
  public static boolean any(Compare[] points, double v) {
    for (Compare c : points) if (c.matches(v)) return true;
    return false;
  }

  @Override
  public String toString() {
    return op.symbol + Numbers.format(value);
  }
}
