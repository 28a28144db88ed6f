package sidekick.store.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void quantilesOfARandomSampleAreWithinTheBucketResolution() {
    SplittableRandom r = new SplittableRandom(1234);
    long[] values = new long[20_000];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.exp(r.nextDouble() * 14); // 1 µs .. 1.2 s, log-uniform
      h.record(values[i]);
    }
    Arrays.sort(values);
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      long exact = values[(int) Math.ceil(q * values.length) - 1];
      assertThat((double) h.quantile(q)).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(7));
    }
    assertThat(h.count()).isEqualTo(values.length);
  }

  @Test
  void smallValuesAreExactAndEmptyIsZero() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.quantile(0.5)).isZero();
    for (int v : new int[] {3, 3, 3, 9}) h.record(v);
    assertThat(h.quantile(0.5)).isEqualTo(3);
    assertThat(h.quantile(1.0)).isEqualTo(9);
    h.record(-5); // a clock going backwards counts as 0, never crashes
    assertThat(h.quantile(0.0)).isZero();
  }

  @Test
  void roundTripsThroughItsCompactEncoding() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v : new long[] {0, 1, 17, 1000, 1 << 20, Long.MAX_VALUE}) h.record(v);
    byte[] bytes = h.toBytes();
    assertThat(bytes.length).isLessThan(30);
    assertThat(LatencyHistogram.fromBytes(bytes)).isEqualTo(h);
    assertThat(LatencyHistogram.fromBytes(new byte[] {(byte) 0xff}).count()).isZero();
  }
}
