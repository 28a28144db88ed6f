package sidekick.bench.core;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import sidekick.bench.BenchCore;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.Core;
import sidekick.core.Principal;
import sidekick.core.TokenSpec;
import sidekick.dice.Dice;
import sidekick.dice.RandomSource;
import sidekick.dice.SavedRolls;

/**
 * The core's command pipeline on a real data directory: {@code /r 1d20+5} through the facade (token
 * check, parse, roll, render, roll and reply events written to SQLite), against the bare dice engine
 * as the baseline; chat text that is no command; and the same roll in a channel with one plug.
 *
 * <p>Run from the repository root (the plug comes from {@code plugs/examples/wat/pass.wasm}):
 * {@code java -jar bench/target/benchmarks.jar CommandPipeline -f 1 -wi 3 -w 1s -i 5 -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandPipelineBenchmark {
  private BenchCore bench;
  private Core core;
  private Principal shard;
  private final Dice dice = new Dice();
  private CommandRequest roll;
  private CommandRequest rollWithPlug;
  private CommandRequest chat;

  @Setup(Level.Trial)
  public void open() throws IOException {
    bench = BenchCore.open("core");
    core = bench.core;
    shard = core.authenticate(core.createToken(bench.admin, TokenSpec.shard("bench")).token()).orElseThrow();
    roll = new CommandRequest("bench", "s", "u1", "Grog", "/r 1d20+5 # attack", false, null);
    chat = new CommandRequest("bench", "s", "u1", "Grog", "nice one, see you all next week", false, null);
    rollWithPlug = new CommandRequest("plugged", "s", "u1", "Grog", "/r 1d20+5 # attack", false, null);
    core.putPlug(shard, "plugged", "pass", "u1", BenchCore.examplePlug("wat", "pass.wasm"));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    bench.close();
  }

  /** Baseline: what the dice engine alone costs for the same roll and rendering. */
  @Benchmark
  public String diceOnly() {
    return dice.parse("1d20+5 # attack").roll(RandomSource.perRoll(), SavedRolls.NONE).markdown();
  }

  @Benchmark
  public CommandReply rollCommand() {
    return core.handleCommand(shard, roll);
  }

  @Benchmark
  public CommandReply chatWithoutDice() {
    return core.handleCommand(shard, chat);
  }

  @Benchmark
  public CommandReply rollCommandWithOnePlug() {
    return core.handleCommand(shard, rollWithPlug);
  }

  /** Token check alone (every HTTP call pays it). */
  @Benchmark
  public Object authenticate() {
    return core.authenticate("sk_shard_0123456789ab_notavalidtokenbutthesamelengthasarealone0123");
  }
}
