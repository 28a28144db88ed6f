package sidekick.dice;

import java.util.Set;

/**
 * One die as rolled.
 *
 * @param sides sides of the die; 0 for a fudge die (faces -1, 0, 1)
 * @param value the face shown (after clamps and penetration), as counted when not dropped
 * @param marks what happened to it
 */
public record DieRoll(int sides, long value, Set<DieMark> marks) {
  public DieRoll {
    marks = Set.copyOf(marks);
  }

  public boolean counted() {
    return !marks.contains(DieMark.DROPPED) && !marks.contains(DieMark.REROLLED);
  }

  public boolean has(DieMark mark) {
    return marks.contains(mark);
  }
}
