package sidekick.dice;

/** A random source that returns planned faces: {@code Scripted.faces(6, 1, 4)} rolls 6, then 1, then 4. */
final class Scripted implements RandomSource {
  private final int[] faces;
  private int next;

  private Scripted(int[] faces) {
    this.faces = faces;
  }

  /** Faces of numbered dice (1..N), or of fudge dice (-1..1, for a bound of 3). */
  static Scripted faces(int... faces) {
    return new Scripted(faces);
  }

  @Override
  public int nextInt(int bound) {
    if (next >= faces.length) throw new AssertionError("the test planned only " + faces.length + " rolls");
    int face = faces[next++];
    int r = bound == 3 ? face + 1 : face - 1;
    if (r < 0 || r >= bound) throw new AssertionError("planned face " + face + " cannot come from bound " + bound);
    return r;
  }

  int used() {
    return next;
  }
}
