package sidekick.dice.eval;

import java.util.ArrayList;
import java.util.List;
import sidekick.dice.DiceException;

/**
 * The modifiers of a dice term or group, in the order they apply whatever order they were written
 * in: clamps, rerolls, explosions, unique, keep/drop, success/failure counting; crit markers and
 * sorting only change the display.
 */
public final class DiceMods {
  public enum Explode { NONE, EXPLODE, COMPOUND, PENETRATE }

  public enum Sort { NONE, ASCENDING, DESCENDING }

  // toArray returns these themselves for an empty list: most terms allocate no arrays
  private static final Compare[] NO_COMPARES = new Compare[0];
  private static final KeepDrop[] NO_KEEP_DROP = new KeepDrop[0];
  // after the arrays above: building NONE uses them
  public static final DiceMods NONE = new Builder().build();

  public final Integer clampMin;
  public final Integer clampMax;
  public final Explode explode;
  /** null: explode on the maximum face. */
  public final Compare explodeOn;
  public final Compare[] reroll;
  public final boolean rerollOnce;
  public final boolean unique;
  public final boolean uniqueOnce;
  /** null: every face must be unique. */
  public final Compare uniqueOn;
  public final KeepDrop[] keepDrop;
  public final Compare[] success;
  public final Compare[] failure;
  public final Compare[] doubleSuccess;
  public final Compare critSuccess;
  public final Compare critFailure;
  public final Sort sort;
  /** Worked out once, not per roll: see {@link #isEmpty()}, {@link #countsSuccesses()}. */
  private final boolean empty;
  private final boolean countsSuccesses;
  private final boolean plainFaces;

  private DiceMods(Builder b) {
    this(b.clampMin, b.clampMax, b.explode, b.explodeOn, arrayOf(b.reroll, NO_COMPARES), b.rerollOnce, b.unique, b.uniqueOnce,
        b.uniqueOn, arrayOf(b.keepDrop, NO_KEEP_DROP), arrayOf(b.success, NO_COMPARES), arrayOf(b.failure, NO_COMPARES),
        arrayOf(b.doubleSuccess, NO_COMPARES), b.critSuccess, b.critFailure, b.sort);
  }

  private DiceMods(
      Integer clampMin, Integer clampMax, Explode explode, Compare explodeOn, Compare[] reroll, boolean rerollOnce, boolean unique,
      boolean uniqueOnce, Compare uniqueOn, KeepDrop[] keepDrop, Compare[] success, Compare[] failure, Compare[] doubleSuccess,
      Compare critSuccess, Compare critFailure, Sort sort) {
    this.clampMin = clampMin;
    this.clampMax = clampMax;
    this.explode = explode;
    this.explodeOn = explodeOn;
    this.reroll = reroll;
    this.rerollOnce = rerollOnce;
    this.unique = unique;
    this.uniqueOnce = uniqueOnce;
    this.uniqueOn = uniqueOn;
    this.keepDrop = keepDrop;
    this.success = success;
    this.failure = failure;
    this.doubleSuccess = doubleSuccess;
    this.critSuccess = critSuccess;
    this.critFailure = critFailure;
    this.sort = sort;
    this.countsSuccesses = success.length + failure.length + doubleSuccess.length > 0;
    this.empty = clampMin == null && clampMax == null && explode == Explode.NONE && reroll.length == 0 && !unique
        && keepDrop.length == 0 && !countsSuccesses && critSuccess == null && critFailure == null && sort == Sort.NONE;
    this.plainFaces = clampMin == null && clampMax == null && reroll.length == 0 && !unique && critSuccess == null
        && critFailure == null && (explode == Explode.NONE || explode == Explode.EXPLODE);
  }

  /** A term's only modifier is one keep/drop ({@code kh3}): built without a builder and its lists. */
  public static DiceMods keeping(KeepDrop kd) {
    return new DiceMods(null, null, Explode.NONE, null, NO_COMPARES, false, false, false, null, new KeepDrop[] {kd}, NO_COMPARES,
        NO_COMPARES, NO_COMPARES, null, null, Sort.NONE);
  }

  /** A term's only modifier is one explosion ({@code !>8}; {@code on} null: the highest face). */
  public static DiceMods exploding(Explode kind, Compare on) {
    return new DiceMods(null, null, kind, on, NO_COMPARES, false, false, false, null, NO_KEEP_DROP, NO_COMPARES, NO_COMPARES,
        NO_COMPARES, null, null, Sort.NONE);
  }

  /** A builder's list (null when nothing was added) as an array; empty ones share {@code none}. */
  private static <T> T[] arrayOf(List<T> list, T[] none) {
    return list == null ? none : list.toArray(none);
  }

  /** Appends to a list the builder creates on first use: most terms have one modifier or none. */
  private static <T> List<T> add(List<T> list, T item) {
    if (list == null) list = new ArrayList<>(2);
    list.add(item);
    return list;
  }

  /** True when the term counts successes instead of summing. */
  public boolean countsSuccesses() {
    return countsSuccesses;
  }

  public boolean isEmpty() {
    return empty;
  }

  /**
   * True when each die shows the face rolled, marked only as a natural crit, and at most explodes
   * ({@code !}): no clamps, rerolls, unique or crit points. Keep/drop and counting come after.
   */
  public boolean plainFaces() {
    return plainFaces;
  }

  /** The face a die shows after {@code min}/{@code max} clamps. */
  public int clamp(int face) {
    if (clampMin != null && face < clampMin) face = clampMin;
    if (clampMax != null && face > clampMax) face = clampMax;
    return face;
  }

  public boolean explodes(int face, Faces faces) {
    return explodeOn == null ? face == faces.max() : explodeOn.matches(face);
  }

  public boolean rerolls(int face) {
    return reroll.length > 0 && Compare.any(reroll, face);
  }

  /**
   * Refuses mechanics that could never stop on these faces ({@code 1d1!}, {@code 1d1r1}, {@code
   * 1d20r<21}, {@code 7d6u}): an error before rolling, not a dice-limit error after 1000 dice.
   */
  public void checkCanStop(Faces faces, long count, int position) {
    if (reroll.length == 0 && explode == Explode.NONE && !unique) return;
    boolean allReroll = reroll.length > 0 && !rerollOnce;
    boolean allExplode = explode != Explode.NONE;
    boolean anyNotUnique = false;
    for (int i = 0; i < faces.distinct(); i++) {
      int face = clamp(faces.face(i));
      if (allReroll && !rerolls(face)) allReroll = false;
      if (allExplode && !(rerolls(face) && !rerollOnce) && !explodes(face, faces)) allExplode = false;
      if (uniqueOn != null && !uniqueOn.matches(face)) anyNotUnique = true;
      if (!allReroll && !allExplode && (anyNotUnique || uniqueOn == null)) break; // decided: no need to look at d1000000's every face
    }
    if (allReroll) {
      throw new DiceException("this reroll can never stop: every face of " + faces.notation() + " is rerolled", position);
    }
    if (allExplode) {
      throw new DiceException("this explosion can never stop: every face of " + faces.notation() + " explodes", position);
    }
    if (unique && !uniqueOnce && !anyNotUnique && count > distinctClampedFaces(faces)) {
      throw new DiceException(
          "cannot roll " + count + " unique values on " + faces.notation() + ": it has only " + distinctClampedFaces(faces) + " faces",
          position);
    }
  }

  private int distinctClampedFaces(Faces faces) {
    java.util.BitSet seen = new java.util.BitSet();
    for (int i = 0; i < faces.distinct(); i++) seen.set(clamp(faces.face(i)) + 1);
    return seen.cardinality();
  }

  /** Collects modifiers as the parser meets them; a contradiction is an error at its position. */
  public static final class Builder {
    Integer clampMin;
    Integer clampMax;
    Explode explode = Explode.NONE;
    Compare explodeOn;
    List<Compare> reroll;
    Boolean rerollOnceFlag;
    boolean rerollOnce;
    boolean unique;
    boolean uniqueOnce;
    Compare uniqueOn;
    List<KeepDrop> keepDrop;
    List<Compare> success;
    List<Compare> failure;
    List<Compare> doubleSuccess;
    Compare critSuccess;
    Compare critFailure;
    Sort sort = Sort.NONE;

    public Builder clampMin(int v, int pos) {
      if (clampMin != null) throw twice("min", pos);
      clampMin = v;
      return this;
    }

    public Builder clampMax(int v, int pos) {
      if (clampMax != null) throw twice("max", pos);
      clampMax = v;
      return this;
    }

    public Builder explode(Explode kind, Compare on, int pos) {
      if (explode != Explode.NONE) throw new DiceException("only one explode modifier (! !! !p) per term", pos);
      explode = kind;
      explodeOn = on;
      return this;
    }

    public Builder reroll(boolean once, Compare on, int pos) {
      if (rerollOnceFlag != null && rerollOnceFlag != once) {
        throw new DiceException("use either r (until) or ro (once) on a term, not both", pos);
      }
      rerollOnceFlag = once;
      rerollOnce = once;
      reroll = add(reroll, on);
      return this;
    }

    public Builder unique(boolean once, Compare on, int pos) {
      if (unique) throw twice("u", pos);
      unique = true;
      uniqueOnce = once;
      uniqueOn = on;
      return this;
    }

    public Builder keepDrop(KeepDrop kd) {
      keepDrop = add(keepDrop, kd);
      return this;
    }

    public Builder success(Compare c) {
      success = add(success, c);
      return this;
    }

    public Builder failure(Compare c) {
      failure = add(failure, c);
      return this;
    }

    public Builder doubleSuccess(Compare c) {
      doubleSuccess = add(doubleSuccess, c);
      return this;
    }

    public Builder critSuccess(Compare c, int pos) {
      if (critSuccess != null) throw twice("cs", pos);
      critSuccess = c;
      return this;
    }

    public Builder critFailure(Compare c, int pos) {
      if (critFailure != null) throw twice("cf", pos);
      critFailure = c;
      return this;
    }

    public Builder sort(Sort s, int pos) {
      if (sort != Sort.NONE) throw twice("s", pos);
      sort = s;
      return this;
    }

    boolean hasDieOnlyModifiers() {
      return clampMin != null || clampMax != null || explode != Explode.NONE || reroll != null
          || unique || critSuccess != null || critFailure != null;
    }

    public DiceMods build() {
      return new DiceMods(this);
    }

    private static DiceException twice(String name, int pos) {
      return new DiceException("the " + name + " modifier is given twice", pos);
    }
  }

  /** Groups take only keep/drop, success counting and sorting. */
  public static DiceMods forGroup(Builder b, int position) {
    if (b.hasDieOnlyModifiers()) {
      throw new DiceException(
          "a group {…} takes only keep/drop, success/failure counting and sorting; min, max, explode, reroll, unique and crit markers go on dice",
          position);
    }
    return b.build();
  }
}
