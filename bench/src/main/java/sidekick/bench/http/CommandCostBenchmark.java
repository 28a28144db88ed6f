package sidekick.bench.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import sidekick.http.api.Api;
import sidekick.http.api.CommandBody;
import sidekick.http.api.CommandReplyJson;
import sidekick.http.api.IdempotencyCache;
import sidekick.http.api.Json;
import sidekick.http.api.RateLimiter;

/**
 * What one {@code POST /v1/commands} costs the server without Netty's HTTP codec and sockets, split
 * into its parts, so the load benchmark's per-request CPU can be attributed: the token check, the
 * body's JSON, the core's command handling (answered inline, as on the event loop, or through the
 * blocking path a worker runs), and the answer's JSON as the server writes it. The event writer
 * thread commits the events in the background, as in the server (its cost is not in these times;
 * {@code -prof gc} shows the allocations per call).
 *
 * <p>{@code java -jar bench/target/benchmarks.jar CommandCost -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"})
public class CommandCostBenchmark {
  private static final String BODY = "{\"channel\":\"bench\",\"server\":\"s1\",\"user\":\"u1\",\"userName\":\"Grog\","
      + "\"text\":\"/r 1d20+5\",\"canManagePlugs\":false}";
  private static final String CHAT_BODY = BODY.replace("/r 1d20+5", "good evening all");

  private BenchCore bench;
  private Core core;
  private Api api;
  private String token;
  private Principal admin;
  private byte[] body;
  private byte[] chatBody;
  private CommandRequest roll;
  private CommandReply sampleReply;

  @Setup(Level.Trial)
  public void open() throws IOException {
    bench = BenchCore.open("http-cost");
    core = bench.core;
    token = bench.adminToken;
    admin = bench.admin;
    api = new Api(core, new RateLimiter(0, 0), new RateLimiter(0, 0), new RateLimiter(0, 0),
        new IdempotencyCache(Duration.ofMinutes(1), 1000), true); // commands answered here: their cost alone
    body = BODY.getBytes(StandardCharsets.UTF_8);
    chatBody = CHAT_BODY.getBytes(StandardCharsets.UTF_8);
    roll = new CommandRequest("bench", "s1", "u1", "Grog", "/r 1d20+5", false, null);
    sampleReply = core.handleCommand(admin, roll); // loads the channel: later commands are quick
    core.handleCommand(admin, new CommandRequest("bench", "s1", "u1", "Grog", "good evening all", false, null));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    bench.close();
  }

  /** The token check of every call (a verified token, cached). */
  @Benchmark
  public Principal tokenCheck() {
    return api.knownCaller(token);
  }

  /** The usual command body read straight from its bytes (the event loop's way). */
  @Benchmark
  public CommandRequest readCommandBody() {
    return CommandBody.parse(body);
  }

  /** The request body into the argument tree. */
  @Benchmark
  public ObjectNode parseBody() {
    return Json.parseObject(body);
  }

  /**
   * The core alone, as on the event loop: parse, roll, render, two events encoded and queued. When
   * the loop outruns the event writer its queue fills and the blocking path waits for it: then this
   * measures the writer's throughput.
   */
  @Benchmark
  public CommandReply coreQuickRoll() {
    CommandReply r = core.handleCommandIfQuick(admin, roll);
    return r != null ? r : core.handleCommand(admin, roll);
  }

  /** The core through its blocking entry (what a worker runs): the same plus the slow path's checks. */
  @Benchmark
  public CommandReply coreRoll() {
    return core.handleCommand(admin, roll);
  }

  /** The answer's JSON, as the server writes it (CommandReplyJson). */
  @Benchmark
  public int writeReply() throws IOException {
    return CommandReplyJson.bytes(sampleReply).length;
  }

  /** Everything above in a row for {@code /r 1d20+5}: what the event loop does besides HTTP. */
  @Benchmark
  public int wholeRoll() throws IOException {
    return whole(body);
  }

  /** The same for chat text that is no command (no event, {@code {"reply": null}}). */
  @Benchmark
  public int wholeChat() throws IOException {
    return whole(chatBody);
  }

  private int whole(byte[] request) throws IOException {
    Principal caller = api.knownCaller(token);
    ObjectNode args = Json.parseObject(request);
    api.admit(sidekick.http.api.Op.COMMAND, caller, args);
    CommandReply reply = api.commandIfQuick(caller, args);
    // not quick when the event writer is behind (this loop outruns it): then the blocking path, as a worker would
    if (reply == null) reply = api.core().handleCommand(caller, roll);
    return CommandReplyJson.bytes(reply).length;
  }
}
