package sidekick.dice.render;

import java.math.BigDecimal;
import java.math.MathContext;

/** How totals are shown: integers without ".0", decimals without binary noise. */
public final class Numbers {
  private static final MathContext SHOWN = new MathContext(12);
  private static final double LONG_RANGE = 9.007199254740992E15; // 2^53: every whole double is exact

  private Numbers() {}

  public static boolean isWhole(double v) {
    return v == Math.rint(v) && Math.abs(v) < LONG_RANGE;
  }

  public static String format(double v) {
    if (isWhole(v)) return Long.toString((long) v);
    if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
    return new BigDecimal(v).round(SHOWN).stripTrailingZeros().toPlainString();
  }

  /** Appends what {@link #format} returns; a whole number without a string of its own. */
  public static void append(StringBuilder out, double v) {
    if (isWhole(v)) appendWhole(out, (long) v);
    else out.append(format(v));
  }

  /**
   * Appends a whole number; one or two digits (most dice and totals) as chars, without sizing and
   * dividing.
   */
  public static void appendWhole(StringBuilder out, long v) {
    if (v >= 0 && v <= 9) {
      out.append((char) ('0' + v));
    } else if (v >= 10 && v <= 99) {
      int d = (int) v;
      out.append((char) ('0' + d / 10)).append((char) ('0' + d % 10));
    } else {
      out.append(v);
    }
  }

  /** A {@code Long} when whole, else a {@code Double} rounded to what {@link #format} shows. */
  public static Number jsonNumber(double v) {
    if (isWhole(v)) return (long) v;
    return Double.parseDouble(format(v));
  }
}
