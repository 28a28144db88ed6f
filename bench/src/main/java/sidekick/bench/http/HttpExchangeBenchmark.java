package sidekick.bench.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import sidekick.core.CommandRequest;
import sidekick.core.Core;
import sidekick.http.server.ServerConfig;
import sidekick.http.server.SidekickServer;

/**
 * One whole HTTP exchange without sockets: the request's bytes into a connection's pipeline and the
 * answer's bytes out, through Netty's {@code EmbeddedChannel}. {@code hello} runs the hello-world
 * ceiling's pipeline (codec, aggregator, a fixed answer) on the same request; {@code chat} and
 * {@code roll} run SidekickServer's own handlers (request guard, idle timer, routing, token, body,
 * core, answer, metrics, CORS) on a real core. The difference is what the server's code adds per
 * request on the event loop, free of the system calls and the scheduling noise of the load test.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar HttpExchange -prof gc} measures wall time, which
 * on a machine whose cores are busy with other work measures mostly the waiting for a core. {@link
 * #main} measures the benchmark thread's own CPU time and allocation instead, the three targets
 * interleaved in rounds, so all see the same machine:
 * {@code java -Xms256m -Xmx512m -XX:+UseParallelGC -cp bench/target/benchmarks.jar
 * sidekick.bench.http.HttpExchangeBenchmark [ROUNDS=15] [EXCHANGES_PER_ROUND=20000]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"})
public class HttpExchangeBenchmark {
  private BenchCore bench;
  private EmbeddedChannel hello;
  private EmbeddedChannel sidekick;
  private ByteBuf chatRequest;
  private ByteBuf rollRequest;

  @Setup(Level.Trial)
  public void open() throws IOException {
    bench = BenchCore.open("http-exchange");
    Core core = bench.core;
    String token = bench.adminToken;
    var admin = bench.admin;
    // load both channels: later commands are answered on the event loop
    core.handleCommand(admin, new CommandRequest("bench", "s1", "u1", "Grog", "/r 1d20+5", false, null));
    core.handleCommand(admin, new CommandRequest("bench-chat", "s1", "u1", "Grog", "good evening all", false, null));
    chatRequest = request(token, "bench-chat", "good evening all");
    rollRequest = request(token, "bench", "/r 1d20+5");
    ServerConfig config = ServerConfig.builder().tokenRate(0, 0).channelRate(0, 0).build();
    sidekick = new EmbeddedChannel(SidekickServer.connectionHandlers(core, config));
    hello = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Hello());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    hello.finishAndReleaseAll();
    sidekick.finishAndReleaseAll();
    chatRequest.release();
    rollRequest.release();
    bench.close();
  }

  /** What wrk sends (bench/http/command.lua): a POST with a bearer token and a small JSON body. */
  private static ByteBuf request(String token, String channel, String text) {
    String body = "{\"channel\":\"" + channel + "\",\"server\":\"s1\",\"user\":\"u1\",\"userName\":\"Grog\",\"text\":\""
        + text + "\",\"canManagePlugs\":false}";
    String head = "POST /v1/commands HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
        + "Authorization: Bearer " + token + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n";
    byte[] bytes = (head + body).getBytes(StandardCharsets.UTF_8);
    return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
  }

  /** The hello-world ceiling's pipeline on the same request as the chat. */
  @Benchmark
  public int hello() {
    return exchange(hello, chatRequest);
  }

  /** The server's whole HTTP path for chat text that is no command. */
  @Benchmark
  public int chat() {
    return exchange(sidekick, chatRequest);
  }

  /** The same for {@code /r 1d20+5} (its two events go to the core's event writer thread). */
  @Benchmark
  public int roll() {
    return exchange(sidekick, rollRequest);
  }

  private static int exchange(EmbeddedChannel channel, ByteBuf request) {
    channel.writeInbound(request.duplicate());
    int bytes = 0;
    Object out;
    while ((out = channel.readOutbound()) != null) {
      if (out instanceof ByteBuf b) bytes += b.readableBytes();
      ReferenceCountUtil.release(out);
    }
    if (bytes == 0) throw new IllegalStateException("no answer");
    return bytes;
  }

  /** Per target: the median over rounds of the thread's CPU nanoseconds and bytes allocated per exchange. */
  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    HttpExchangeBenchmark b = new HttpExchangeBenchmark();
    b.open();
    try {
      String[] names = {"hello", "chat", "roll"};
      java.util.List<java.util.function.IntSupplier> targets = java.util.List.of(b::hello, b::chat, b::roll);
      double[][] cpu = new double[names.length][rounds];
      double[][] alloc = new double[names.length][rounds];
      for (int warm = 0; warm < 5; warm++) {
        for (var t : targets) for (int i = 0; i < perRound; i++) t.getAsInt();
      }
      long tid = Thread.currentThread().getId();
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < names.length; k++) {
          var t = targets.get(k);
          long c0 = threads.getCurrentThreadCpuTime();
          long a0 = threads.getThreadAllocatedBytes(tid);
          for (int i = 0; i < perRound; i++) t.getAsInt();
          cpu[k][r] = (threads.getCurrentThreadCpuTime() - c0) / (double) perRound;
          alloc[k][r] = (threads.getThreadAllocatedBytes(tid) - a0) / (double) perRound;
        }
      }
      double hello = median(cpu[0]);
      System.out.printf("%-6s %14s %10s %14s%n", "target", "CPU ns/exchange", "x hello", "bytes/exchange");
      for (int k = 0; k < names.length; k++) {
        System.out.printf("%-6s %14.0f %10.2f %14.0f%n", names[k], median(cpu[k]), median(cpu[k]) / hello, median(alloc[k]));
      }
    } finally {
      b.close();
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v[v.length / 2];
  }

  /** The hello-world's handler (HelloWorldServer's answer). */
  private static final class Hello extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      ctx.writeAndFlush(HelloWorldServer.answer(request));
    }
  }
}
