package sidekick.bench.dice;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import sidekick.dice.Dice;
import sidekick.dice.DiceLimits;
import sidekick.dice.RandomSource;
import sidekick.dice.SavedRolls;

/**
 * Inline scan of a ~300-character chat message with two rolls: find, roll, render, replace. {@code
 * scanAndRoll} is the production path (the finder tries the bounded parse cache first);
 * {@code scanAndRollUncached} disables the cache, so every candidate is parsed by jparsec.
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
public class InlineBenchmark {
  /** The same text as bench/dice-js/cases.js. */
  public static final String MESSAGE =
      "Grog charges across the muddy field toward the goblin chieftain, shield raised and axe ready. "
          + "He swings for 2d6+3 slashing damage and, if the blow lands, the bleeding adds [[1d4]] more. "
          + "The goblins scream and scatter toward the old watchtower while the bard hums a tune and counts 14 gold pieces of silver.";

  private final Dice dice = new Dice();
  private final Dice noCache = new Dice(DiceLimits.DEFAULTS.withParseCacheSize(0));

  @Benchmark
  public String scanAndRoll() {
    return dice.rollInline(MESSAGE, RandomSource.perRoll(), SavedRolls.NONE).text();
  }

  @Benchmark
  public String scanAndRollUncached() {
    return noCache.rollInline(MESSAGE, RandomSource.perRoll(), SavedRolls.NONE).text();
  }
}
