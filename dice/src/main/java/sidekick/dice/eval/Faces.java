package sidekick.dice.eval;

import sidekick.dice.RandomSource;

/** The faces of one kind of die: numbered 1..N, or fudge (-1, 0, 1). */
public final class Faces {
  /** Standard fudge die: two faces each of -1, 0, +1. */
  public static final Faces FUDGE = new Faces(0, 2);
  /** {@code dF.1}: one -1, four blanks, one +1. */
  public static final Faces FUDGE_1 = new Faces(0, 1);

  private static final Faces[] SMALL = new Faces[121];

  static {
    for (int i = 1; i < SMALL.length; i++) SMALL[i] = new Faces(i, 0);
  }

  private final int sides;
  private final int fudgeVariant;

  private Faces(int sides, int fudgeVariant) {
    this.sides = sides;
    this.fudgeVariant = fudgeVariant;
  }

  public static Faces numbered(int sides) {
    return sides < SMALL.length ? SMALL[sides] : new Faces(sides, 0);
  }

  /** Sides of a numbered die; 0 for fudge. */
  public int sides() {
    return sides;
  }

  public boolean fudge() {
    return sides == 0;
  }

  public int min() {
    return fudge() ? -1 : 1;
  }

  public int max() {
    return fudge() ? 1 : sides;
  }

  /** How many distinct faces. */
  public int distinct() {
    return fudge() ? 3 : sides;
  }

  /** The i-th distinct face, ascending. */
  public int face(int i) {
    return fudge() ? i - 1 : i + 1;
  }

  /** The probability of the i-th distinct face. */
  public double probability(int i) {
    if (!fudge()) return 1.0 / sides;
    if (fudgeVariant == 2) return 1.0 / 3;
    return i == 1 ? 4.0 / 6 : 1.0 / 6;
  }

  public int roll(RandomSource random) {
    if (sides > 0) return 1 + random.nextInt(sides);
    if (fudgeVariant == 2) return random.nextInt(3) - 1;
    int r = random.nextInt(6);
    return r == 0 ? -1 : r == 5 ? 1 : 0;
  }

  /** Notation of the die, for messages: {@code d6}, {@code dF}, {@code dF.1}. */
  public String notation() {
    return fudge() ? (fudgeVariant == 2 ? "dF" : "dF.1") : "d" + sides;
  }
}
