package sidekick.dice.inline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The spans must answer exactly as a flag per character filled with the same spans would. */
class BlockedSpansTest {
  @Test
  void answersAsFlagsPerCharacterDo() {
    SplittableRandom random = new SplittableRandom(42);
    for (int round = 0; round < 3_000; round++) {
      int length = 1 + random.nextInt(40);
      boolean[] flags = new boolean[length];
      BlockedSpans spans = BlockedSpans.empty();
      int count = random.nextInt(7);
      for (int k = 0; k < count; k++) { // in any order, overlapping, touching, empty
        int from = random.nextInt(length);
        int to = from + random.nextInt(length - from + 1);
        spans.add(from, to);
        for (int p = from; p < to; p++) flags[p] = true;
      }
      spans.merge();
      for (int k = 0; k < length; k++) {
        String at = "round " + round + " at " + k;
        assertThat(spans.contains(k)).as(at).isEqualTo(flags[k]);
        int next = k;
        while (next < length && !flags[next]) next++;
        assertThat(spans.nextBlocked(k)).as(at).isEqualTo(next < length ? next : Integer.MAX_VALUE);
        // the end of the last blocked run before k, when k itself is free
        if (!flags[k]) {
          int end = k;
          while (end > 0 && !flags[end - 1]) end--;
          assertThat(spans.lastEndAtOrBefore(k)).as(at).isEqualTo(end);
        }
      }
      boolean any = false;
      for (boolean f : flags) any |= f;
      assertThat(spans.isEmpty()).isEqualTo(!any);
    }
  }

  @Test
  void noneBlocksNothing() {
    assertThat(BlockedSpans.NONE.contains(0)).isFalse();
    assertThat(BlockedSpans.NONE.nextBlocked(5)).isEqualTo(Integer.MAX_VALUE);
    assertThat(BlockedSpans.NONE.lastEndAtOrBefore(5)).isZero();
  }
}
