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
import sidekick.dice.RandomSource;
import sidekick.dice.SavedRolls;

/** Inline scan of a ~300-character chat message with two rolls: find, roll, render, replace. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class InlineBenchmark {
  /** The same text as bench/dice-js/cases.js. */
  public static final String MESSAGE =
      "Grog charges across the muddy field toward the goblin chieftain, shield raised and axe ready. "
          + "He swings for 2d6+3 slashing damage and, if the blow lands, the bleeding adds [[1d4]] more. "
          + "The goblins scream and scatter toward the old watchtower while the bard hums a tune and counts 14 gold pieces of silver.";

  private final Dice dice = new Dice();

  @Benchmark
  public String scanAndRoll() {
    return dice.rollInline(MESSAGE, RandomSource.perRoll(), SavedRolls.NONE).text();
  }
}
