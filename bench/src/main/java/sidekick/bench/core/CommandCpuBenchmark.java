package sidekick.bench.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * The CPU the core's command path costs, without the event writer's: a tight loop of commands
 * outruns the writer thread (two SQLite rows per roll), so the wall time of such a loop measures the
 * writer's throughput, not the command path. Here each iteration reads the CPU time of every Java
 * thread but the event writer and the WAL checkpointer (the calling thread, the plug workers) and
 * reports it per call as {@code cpuNanosPerCall}; when the writer is behind, the loop waits for its
 * commit parked (costing no CPU) instead of taking the blocking path. The primary score (wall time)
 * is what {@link sidekick.bench.http.CommandCostBenchmark} reports, writer included.
 *
 * <ul>
 *   <li>{@code quickRoll}: {@code /r 1d20+5} as the HTTP event loop runs it
 *       ({@code handleCommandIfQuick}): parse (cached), roll, render, two events handed to the log;
 *   <li>{@code quickChat}: chat text that is no command (nothing to log): the floor;
 *   <li>{@code pluggedRoll}: the same roll in a channel holding the load benchmark's AssemblyScript
 *       plug ({@code dice-words.wasm}), through the blocking entry a worker runs
 *       ({@code handleCommand}: the chain runs on a plug worker, this thread waits);
 *   <li>{@code pluggedRollWithoutBlocking}: the same through {@code handleCommandWithoutBlocking},
 *       as the HTTP event loop starts it: the plug worker that runs the chain finishes the command
 *       (this thread only waits for the answer to measure it; the server does not).
 *   <li>{@code declinedStats} / {@code declinedPlugList}: what the event loop spends on a command it
 *       then hands to a worker ({@code handleCommandWithoutBlocking} answering null: the checks and
 *       the parse, done again on the worker), against {@code statsOnWorker} / {@code plugListOnWorker},
 *       the worker's whole call ({@code handleCommand}): the ratio is the most a hand-over of the
 *       parsed command could save.
 * </ul>
 *
 * <p>Run from the repository root: {@code java -jar bench/target/benchmarks.jar CommandCpu -prof gc}.
 * JMH sums auxiliary counters over the iterations in its table: read {@code cpuNanosPerCall} as
 * the {@code avg} of the {@code (min, avg, max)} line under its "Secondary result".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"})
public class CommandCpuBenchmark {
  /** Threads whose CPU is not the command path's (the event log's storage). */
  private static final Set<String> NOT_COUNTED = Set.of("sidekick-event-writer", "sidekick-db-checkpoint");

  private BenchCore bench;
  private Core core;
  private Principal admin;
  private CommandRequest roll;
  private CommandRequest chat;
  private CommandRequest plugged;
  private CommandRequest stats;
  private CommandRequest plugList;

  /** CPU per call of the counted threads over one iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Cpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    public double cpuNanosPerCall;
    private long calls;
    private long startNanos;

    @Setup(Level.Iteration)
    public void start() {
      calls = 0;
      startNanos = countedCpuNanos();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      cpuNanosPerCall = calls == 0 ? 0 : (double) (countedCpuNanos() - startNanos) / calls;
    }

    void called() {
      calls++;
    }

    private static long countedCpuNanos() {
      long sum = 0;
      for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
        if (info == null || NOT_COUNTED.contains(info.getThreadName())) continue;
        long t = THREADS.getThreadCpuTime(info.getThreadId());
        if (t > 0) sum += t;
      }
      return sum;
    }
  }

  @Setup(Level.Trial)
  public void open() throws IOException {
    bench = BenchCore.open("core-cpu");
    core = bench.core;
    admin = bench.admin;
    roll = new CommandRequest("bench", "s1", "u1", "Grog", "/r 1d20+5", false, null);
    chat = new CommandRequest("bench", "s1", "u1", "Grog", "good evening all", false, null);
    plugged = new CommandRequest("plugged", "s1", "u1", "Grog", "/r 1d20+5", false, null);
    stats = new CommandRequest("plugged", "s1", "u1", "Grog", "/r stats 2d6", false, null);
    plugList = new CommandRequest("plugged", "s1", "u1", "Grog", "/r plug ls", true, null);
    core.putPlug(admin, "plugged", "bench", "u1", BenchCore.examplePlug("assemblyscript", "dice-words.wasm"));
    core.handleCommand(admin, roll); // loads the channels: later commands are quick
    core.handleCommand(admin, chat);
    core.handleCommand(admin, plugged);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    bench.close();
  }

  @Benchmark
  public CommandReply quickRoll(Cpu cpu) {
    return quick(roll, cpu);
  }

  @Benchmark
  public CommandReply quickChat(Cpu cpu) {
    return quick(chat, cpu);
  }

  @Benchmark
  public CommandReply pluggedRoll(Cpu cpu) {
    return onWorker(plugged, cpu);
  }

  @Benchmark
  public CommandReply pluggedRollWithoutBlocking(Cpu cpu) {
    cpu.called();
    CompletableFuture<CommandReply> started;
    while ((started = core.handleCommandWithoutBlocking(admin, plugged)) == null) awaitWriter();
    return started.join();
  }

  @Benchmark
  public Object declinedStats(Cpu cpu) {
    return declined(stats, cpu);
  }

  @Benchmark
  public CommandReply statsOnWorker(Cpu cpu) {
    return onWorker(stats, cpu);
  }

  @Benchmark
  public Object declinedPlugList(Cpu cpu) {
    return declined(plugList, cpu);
  }

  @Benchmark
  public CommandReply plugListOnWorker(Cpu cpu) {
    return onWorker(plugList, cpu);
  }

  /** The blocking call a worker makes for a command. */
  private CommandReply onWorker(CommandRequest request, Cpu cpu) {
    cpu.called();
    return core.handleCommand(admin, request);
  }

  private Object declined(CommandRequest request, Cpu cpu) {
    cpu.called();
    CompletableFuture<CommandReply> started = core.handleCommandWithoutBlocking(admin, request);
    if (started != null) throw new IllegalStateException(request.text() + " was not declined");
    return started;
  }

  private CommandReply quick(CommandRequest request, Cpu cpu) {
    cpu.called();
    CommandReply r;
    while ((r = core.handleCommandIfQuick(admin, request)) == null) awaitWriter();
    return r;
  }

  /** The writer is behind (the only reason a loaded channel's roll is refused here): wait parked. */
  private void awaitWriter() {
    CompletableFuture<Void> committed = new CompletableFuture<>();
    core.whenEventsCommitted(() -> committed.complete(null));
    committed.join();
  }
}
