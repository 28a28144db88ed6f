package sidekick.bench.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import sidekick.bench.TempDirs;
import sidekick.core.Event;
import sidekick.core.db.Database;
import sidekick.core.db.Schema;
import sidekick.core.events.EventBatchTable;
import sidekick.core.events.EventBlockTable;

/**
 * What the event writer's group commit costs on its thread: one transaction holding the events of
 * {@code commands} commands (a roll and a reply each, about 300 bytes of JSON apiece) spread over
 * {@code channels} channels (one: a busy channel; more: many quiet ones), written as the event log
 * stores them now ({@code batches}: one {@code event_batches} row per commit for all its channels,
 * zstd-compressed together, and an {@code event_index} entry per channel), and, as the baseline in the
 * same run, as schema version 2 did ({@code blocks}: one {@code event_blocks} row per channel,
 * zstd-compressed). Selectable with {@code -p format=}: version 2 before compression
 * ({@code plain-blocks}) and version 1 ({@code rows}: one row per event through one JDBC batch). Divide
 * the time per operation by {@code commands} for the cost per command. The CPU printed per iteration
 * adds the checkpoint thread's to the writer's: SQLite copies every page it logged once more there.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar EventLog -f 1 -wi 3 -w 1s -i 5 -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventLogBenchmark {
  @Param({"blocks", "batches"})
  public String format;

  /** Commands per commit: 1 when the writer keeps up with every command, more under load. */
  @Param({"1", "8", "64"})
  public int commands;

  /** Channels the commands of a commit are spread over, in turn. */
  @Param({"1", "16"})
  public int channels;

  private static final long RETENTION = 10_000;

  private Path dir;
  private Database db;
  private EventBlockTable blocks;
  private EventBatchTable batches;
  private long seq;
  private long cpuAtStart;
  private Thread checkpointer;
  private long checkpointCpuAtStart;
  private long seqAtStart;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("sidekick-bench-events");
    db = Database.open(dir.resolve("sidekick.db"), Schema.MIGRATIONS);
    db.checkpointInBackground(Duration.ofMillis(200)); // as the core runs it
    blocks = new EventBlockTable(!format.equals("plain-blocks"));
    batches = new EventBatchTable(db);
    checkpointer = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("sidekick-db-checkpoint")).findFirst().orElseThrow();
    db.write(s -> s.update("""
        CREATE TABLE events_rows (
          channel TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL,
          json TEXT NOT NULL, PRIMARY KEY (channel, seq)
        ) WITHOUT ROWID"""));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    blocks.close();
    batches.close();
    db.close();
    TempDirs.deleteTree(dir);
  }

  /** The next {@code commands} commands' events, as EventLog makes them. */
  private List<Event> nextEvents() {
    Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
    List<Event> out = new ArrayList<>(2 * commands);
    for (int i = 0; i < commands; i++) {
      String channel = channel((int) (seq / 2 % channels)); // in turn across commits too
      long roll = ++seq;
      out.add(new Event(channel, roll, "roll", at, "{\"seq\":" + roll + ",\"type\":\"roll\",\"at\":\"" + at
          + "\",\"channel\":\"" + channel + "\",\"user\":\"u1\",\"name\":\"Grog\",\"expr\":\"1d20+5\",\"comment\":\"attack\","
          + "\"total\":17,\"detail\":\"1d20 (12) + 5\",\"dice\":[12],\"source\":\"command\",\"shard\":\"s1\"}"));
      long reply = ++seq;
      out.add(new Event(channel, reply, "reply", at, "{\"seq\":" + reply + ",\"type\":\"reply\",\"at\":\"" + at
          + "\",\"channel\":\"" + channel + "\",\"user\":\"u1\",\"reply\":\"**Grog**: 1d20 (12) + 5 = `17` \\u2014 attack\","
          + "\"ephemeral\":false,\"micros\":35,\"shard\":\"s1\"}"));
    }
    return out;
  }

  private String channel(int index) {
    return channels == 1 ? "bench" : "bench" + index;
  }

  /**
   * The machine is shared: wall time per operation swings with the load, the benchmark thread's own
   * CPU time does not. Printed per iteration as CPU µs per command (SQLite runs on this thread).
   */
  @Setup(Level.Iteration)
  public void startCpuClock() {
    cpuAtStart = THREADS.getCurrentThreadCpuTime();
    checkpointCpuAtStart = THREADS.getThreadCpuTime(checkpointer.getId());
    seqAtStart = seq;
  }

  @TearDown(Level.Iteration)
  public void printCpuPerCommand() {
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
    long checkpointCpu = THREADS.getThreadCpuTime(checkpointer.getId()) - checkpointCpuAtStart;
    long commandsDone = (seq - seqAtStart) / 2;
    if (commandsDone > 0) {
      System.out.printf("%n  [%s, %d per commit, %d channels] CPU per command: writer %.2f us + checkpoints %.2f us"
          + " = %.2f us%n", format, commands, channels, cpu / 1e3 / commandsDone, checkpointCpu / 1e3 / commandsDone,
          (cpu + checkpointCpu) / 1e3 / commandsDone);
    }
  }

  @Benchmark
  public Object groupCommit() {
    long before = seq;
    List<Event> events = nextEvents();
    // Pruned to the default retention as the writer does (each channel every EventBatchTable.PRUNE_EVERY of its events; seqs here are
    // shared by the channels, so a channel's last 10,000 span 10,000 times the channels), so the table stays
    // the size of busy channels' instead of growing with the run.
    long every = (long) EventBatchTable.PRUNE_EVERY * channels;
    long keepAfter = seq / every != before / every ? seq - RETENTION * channels : 0;
    Map<String, List<Event>> byChannel = new LinkedHashMap<>();
    for (Event e : events) byChannel.computeIfAbsent(e.channel(), c -> new ArrayList<>()).add(e);
    Object done = db.write(s -> {
      if (format.equals("batches")) {
        batches.append(s, new ArrayList<>(byChannel.values()));
        if (keepAfter > 0) {
          Map<String, Long> prunes = new LinkedHashMap<>();
          for (int c = 0; c < channels; c++) prunes.put(channel(c), keepAfter);
          batches.prune(s, prunes);
        }
      } else if (format.endsWith("blocks")) {
        blocks.append(s, new ArrayList<>(byChannel.values()));
        if (keepAfter > 0) {
          for (int c = 0; c < channels; c++) {
            s.update("DELETE FROM event_blocks WHERE channel = ? AND last_seq <= ?", channel(c), keepAfter);
          }
        }
      } else {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (Event e : events) rows.add(new Object[] {e.channel(), e.seq(), e.type(), e.at().toEpochMilli(), e.json()});
        s.updateBatch("INSERT OR IGNORE INTO events_rows (channel, seq, type, at, json) VALUES (?, ?, ?, ?, ?)", rows);
        if (keepAfter > 0) {
          for (int c = 0; c < channels; c++) {
            s.update("DELETE FROM events_rows WHERE channel = ? AND seq <= ?", channel(c), keepAfter);
          }
        }
      }
      return null;
    });
    if (format.equals("batches")) batches.committed();
    return done;
  }
}
