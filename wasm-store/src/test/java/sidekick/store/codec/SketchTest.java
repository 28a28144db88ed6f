package sidekick.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SketchTest {
  static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
    return b;
  }

  @Test
  void modulesSharingMostContentAreSimilarAndUnrelatedOnesAreNot() {
    byte[] lib = random(1, 200_000);
    byte[] a = lib.clone();
    byte[] b = new byte[lib.length + 5000];
    System.arraycopy(random(2, 5000), 0, b, 0, 5000); // an insertion at the front shifts all
    System.arraycopy(lib, 0, b, 5000, lib.length);
    a[100_000] ^= 1;
    Sketch s = Sketch.of(lib);
    assertThat(s.similarity(Sketch.of(a))).isGreaterThan(0.8);
    assertThat(s.similarity(Sketch.of(b))).isGreaterThan(0.8);
    assertThat(s.similarity(Sketch.of(random(3, 200_000)))).isLessThan(0.05);
    assertThat(s.similarity(s)).isEqualTo(1.0);
  }

  @Test
  void roundTripsAndHandlesTinyInput() {
    Sketch s = Sketch.of(random(4, 10_000));
    assertThat(Sketch.fromBytes(s.toBytes()).similarity(s)).isEqualTo(1.0);
    assertThat(Sketch.of(new byte[0]).similarity(s)).isZero();
    assertThat(Sketch.of(new byte[] {1}).toBytes()).hasSize(8);
  }

  @Test
  void deltaRoundTripsAndIsSmallForSimilarContent() {
    byte[] base = random(5, 300_000);
    byte[] next = base.clone();
    next[123] ^= 7;
    byte[] delta = Zstd.compressDelta(next, base, 3);
    assertThat(delta.length).isLessThan(200);
    assertThat(Zstd.decompress(delta, next.length, base)).isEqualTo(next);
    assertThat(Zstd.windowLog(600_000)).isEqualTo(20);
  }
}
