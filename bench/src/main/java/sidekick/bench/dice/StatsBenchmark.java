package sidekick.bench.dice;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import sidekick.dice.Dice;
import sidekick.dice.Distribution;

/**
 * Warm time of an exact distribution (target: 10d10!>8 under 50 ms). {@code 4d6!kh3} and
 * {@code 10d10!>8kh3} are keep/drop on exploding dice (order statistics over a mixture of pools),
 * {@code {4d6+3d8}k4} a group keeping individual dice, {@code 4d6u} unique dice (enumerated);
 * 4d6kh3 and 3d6 are the baselines in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// the collector the launcher (./sidekick) runs the engine with, as the core's benchmarks do: the
// JVM's own pick on this machine (2 cores, 23 GB), G1, costs the measured thread about 15 % more
// CPU per uncached inline message (docs/benchmarks.md, dice8)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StatsBenchmark {
  @Param({"10d10!>8", "4d6kh3", "3d6", "4d6!kh3", "10d10!>8kh3", "{4d6+3d8}k4", "4d6u"})
  public String expr;

  private final Dice dice = new Dice();

  @Benchmark
  public Distribution distribution() {
    return dice.distribution(expr);
  }
}
