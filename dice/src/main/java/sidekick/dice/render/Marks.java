package sidekick.dice.render;

import java.util.EnumSet;
import java.util.Set;
import sidekick.dice.DieMark;

/** Die marks packed in an int (bit = {@link DieMark#ordinal()}), so a roll stores no objects. */
public final class Marks {
  private Marks() {}

  public static final int DROPPED = bit(DieMark.DROPPED);
  public static final int REROLLED = bit(DieMark.REROLLED);
  public static final int EXPLODED = bit(DieMark.EXPLODED);
  public static final int COMPOUNDED = bit(DieMark.COMPOUNDED);
  public static final int PENETRATED = bit(DieMark.PENETRATED);
  public static final int CLAMPED_MIN = bit(DieMark.CLAMPED_MIN);
  public static final int CLAMPED_MAX = bit(DieMark.CLAMPED_MAX);
  public static final int SUCCESS = bit(DieMark.SUCCESS);
  public static final int DOUBLE_SUCCESS = bit(DieMark.DOUBLE_SUCCESS);
  public static final int FAILURE = bit(DieMark.FAILURE);
  public static final int CRITICAL_SUCCESS = bit(DieMark.CRITICAL_SUCCESS);
  public static final int CRITICAL_FAILURE = bit(DieMark.CRITICAL_FAILURE);
  /** Not counted in the total. */
  public static final int NOT_COUNTED = DROPPED | REROLLED;

  private static int bit(DieMark m) {
    return 1 << m.ordinal();
  }

  public static boolean has(int marks, int bit) {
    return (marks & bit) != 0;
  }

  public static int fromSet(Set<DieMark> set) {
    int m = 0;
    for (DieMark d : set) m |= bit(d);
    return m;
  }

  public static Set<DieMark> toSet(int marks) {
    EnumSet<DieMark> set = EnumSet.noneOf(DieMark.class);
    for (DieMark m : DieMark.values()) if (has(marks, bit(m))) set.add(m);
    return set;
  }
}
