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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import sidekick.dice.Dice;
import sidekick.dice.DiceExpression;
import sidekick.dice.RandomSource;
import sidekick.dice.SavedRolls;

/**
 * Single-thread parse+roll throughput of the dice engine. Every roll uses a fresh generator from
 * {@link RandomSource#perRoll()}, as production does. The same cases run on rpg-dice-roller in
 * {@code bench/dice-js} (see {@code bench/dice-js/compare.sh}).
 *
 * <ul>
 *   <li>{@code uncached}: jparsec parse + roll every time;
 *   <li>{@code cached}: {@link Dice#parse} (bounded parse cache) + roll, the production path;
 *   <li>{@code cachedMarkdown}: the same plus the Discord rendering of the result.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
// the collector the launcher (./sidekick) runs the engine with, as the core's benchmarks do: the
// JVM's own pick on this machine (2 cores, 23 GB), G1, costs the measured thread about 15 % more
// CPU per uncached inline message (docs/benchmarks.md, dice8)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiceBenchmark {
  @Param({"1d20+5", "4d6kh3", "10d10!>8", "(2d6+3)*2"})
  public String expr;

  private Dice dice;

  @Setup
  public void setUp() {
    dice = new Dice();
    DiceExpression warm = dice.parse(expr);
    warm.roll(RandomSource.seeded(1), SavedRolls.NONE);
  }

  @Benchmark
  public double uncached() {
    return dice.parseUncached(expr).roll(RandomSource.perRoll(), SavedRolls.NONE).total();
  }

  @Benchmark
  public double cached() {
    return dice.parse(expr).roll(RandomSource.perRoll(), SavedRolls.NONE).total();
  }

  @Benchmark
  public String cachedMarkdown() {
    return dice.parse(expr).roll(RandomSource.perRoll(), SavedRolls.NONE).markdown();
  }
}
