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
