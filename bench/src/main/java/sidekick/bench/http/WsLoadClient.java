package sidekick.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameCodec;
import sidekick.http.frame.FrameType;
import sidekick.http.frame.MessageAssembler;

/**
 * WebSocket load client for {@code /v1/ws}: N connections, each authenticates, then keeps
 * {@code --depth} {@code command} requests in flight for the given time (a shard multiplexing its
 * users' commands). Prints requests per second and latency percentiles as one JSON line.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar sidekick.bench.http.WsLoadClient --url http://127.0.0.1:8080
 * --token T [--connections 50] [--depth 1] [--seconds 10] [--channel bench] [--text "/r 1d20+5"]}
 */
public final class WsLoadClient {
  private WsLoadClient() {}

  public static void main(String[] args) throws Exception {
    String url = null;
    String token = null;
    int connections = 50;
    int depth = 1;
    int seconds = 10;
    String channel = "bench-ws";
    String text = "/r 1d20+5";
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--url" -> url = v;
        case "--token" -> token = v;
        case "--connections" -> connections = Integer.parseInt(v);
        case "--depth" -> depth = Integer.parseInt(v);
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--channel" -> channel = v;
        case "--text" -> text = v;
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    if (url == null || token == null) throw new IllegalArgumentException("--url and --token are needed");
    URI ws = URI.create(url.replaceFirst("^http", "ws") + "/v1/ws");
    HttpClient http = HttpClient.newHttpClient();
    List<Conn> conns = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(connections);
    CountDownLatch ready = new CountDownLatch(connections);
    for (int i = 0; i < connections; i++) {
      Conn c = new Conn(i, channel, text, depth, done, ready);
      c.ws = http.newWebSocketBuilder().buildAsync(ws, c).join();
      c.send(Frame.of(FrameType.AUTH, "auth", "{\"token\":\"" + token + "\"}"));
      conns.add(c);
    }
    if (!ready.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("not every connection authenticated");
    long start = System.nanoTime();
    long endNanos = start + TimeUnit.SECONDS.toNanos(seconds);
    for (Conn c : conns) c.start(endNanos);
    done.await(seconds + 30L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long total = 0;
    long errors = 0;
    List<Long> all = new ArrayList<>();
    for (Conn c : conns) {
      total += c.answered.get();
      errors += c.errors.get();
      all.addAll(c.latencies);
      c.ws.abort();
    }
    long[] lat = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(lat);
    System.out.printf(Locale.ROOT,
        "{\"connections\":%d,\"depth\":%d,\"seconds\":%.1f,\"requests\":%d,\"errors\":%d,\"rps\":%.0f,"
            + "\"p50Millis\":%.3f,\"p99Millis\":%.3f,\"maxMillis\":%.3f}%n",
        connections, depth, elapsed, total, errors, total / elapsed, pct(lat, 0.50), pct(lat, 0.99),
        lat.length == 0 ? 0.0 : lat[lat.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static final class Conn implements WebSocket.Listener {
    final int index;
    final String channel;
    final String text;
    final int depth;
    volatile long endNanos;
    final CountDownLatch done;
    final CountDownLatch ready;
    final AtomicLong nextId = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
    final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    final MessageAssembler pieces = new MessageAssembler();
    volatile WebSocket ws;
    private CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
    private boolean finished;

    Conn(int index, String channel, String text, int depth, CountDownLatch done, CountDownLatch ready) {
      this.index = index;
      this.channel = channel;
      this.text = text;
      this.depth = depth;
      this.done = done;
      this.ready = ready;
    }

    void start(long end) {
      endNanos = end;
      for (int i = 0; i < depth; i++) sendCommand();
    }

    synchronized void send(Frame f) {
      byte[] bytes = FrameCodec.encode(f);
      WebSocket s = ws;
      chain = chain.thenCompose(x -> s.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    void sendCommand() {
      String id = index + "-" + nextId.incrementAndGet();
      sentAt.put(id, System.nanoTime());
      send(Frame.of(FrameType.MESSAGE, "command", "{\"id\":\"" + id + "\",\"channel\":\"" + channel
          + "\",\"user\":\"u" + index + "\",\"userName\":\"Load\",\"text\":\"" + text + "\"}"));
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] whole = pieces.add(data, last);
      if (whole != null) onFrame(whole);
      webSocket.request(1);
      return null;
    }

    private void onFrame(byte[] bytes) {
      Frame f;
      try {
        f = FrameCodec.decode(bytes);
      } catch (Exception e) {
        errors.incrementAndGet();
        return;
      }
      if (f.type() == FrameType.AUTH) {
        ready.countDown();
        return;
      }
      if (f.type() == FrameType.BROADCAST) return;
      String payload = new String(f.payload(), StandardCharsets.UTF_8);
      int at = payload.indexOf("\"id\":\"");
      String id = at < 0 ? "" : payload.substring(at + 6, payload.indexOf('"', at + 6));
      Long sent = sentAt.remove(id);
      if (f.type() == FrameType.MESSAGE && sent != null) {
        answered.incrementAndGet();
        latencies.add(System.nanoTime() - sent);
      } else {
        errors.incrementAndGet();
      }
      if (System.nanoTime() < endNanos) {
        sendCommand();
      } else if (sentAt.isEmpty()) {
        finish();
      }
    }

    private synchronized void finish() {
      if (!finished) {
        finished = true;
        done.countDown();
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      finish();
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      errors.incrementAndGet();
      finish();
    }
  }
}
