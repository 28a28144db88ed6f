package sidekick.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.RollResult;
import sidekick.core.ShardStatus;
import sidekick.http.api.ApiException;
import sidekick.http.api.Json;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameCodec;
import sidekick.http.frame.FrameException;
import sidekick.http.frame.FrameType;
import sidekick.http.frame.MessageAssembler;

/**
 * The client shards use to reach the core: one WebSocket ({@code /v1/ws}) carrying every request
 * with its own id, answers matched by id, channel subscriptions, pings against the idle timeout.
 *
 * <p>Across a lost connection nothing is lost and nothing is answered twice: every request carries
 * an idempotency key (its id); requests not yet answered are sent again once the socket is back
 * (reconnecting with exponential backoff and jitter) and the server answers a repeated key with the
 * first answer instead of running the command again. A request that cannot go over the socket for
 * a while goes over HTTP with the same key. Each request fails after the request timeout with
 * status 0; a refused one with the server's status. Subscriptions resume after the last event seen.
 *
 * <p>Thread-safe. Futures complete on the HTTP client's threads: do not block in their callbacks.
 */
public final class CoreClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CoreClient.class);
  /** The server's close code for a bad or revoked token: reconnecting would not help. */
  static final int CLOSE_UNAUTHORIZED = 4401;

  /** Where the client stands. */
  public enum State {
    CONNECTING,
    CONNECTED,
    /** Closed by {@link #close()} or for good (bad or revoked token). */
    CLOSED
  }

  private final CoreClientConfig config;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final String idPrefix;
  private final AtomicLong nextId = new AtomicLong();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private Connection current;
  private int attempts;
  private volatile State state = State.CONNECTING;
  private volatile CoreClientException fatal;
  private volatile CompletableFuture<Void> connected = new CompletableFuture<>();

  private CoreClient(CoreClientConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout()).build();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sidekick-core-client");
      t.setDaemon(true);
      return t;
    });
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    this.idPrefix = HexFormat.of().formatHex(random);
  }

  /** Starts connecting in the background and returns at once; requests wait for the socket. */
  public static CoreClient start(CoreClientConfig config) {
    CoreClient client = new CoreClient(config);
    client.connect();
    long ping = config.pingEvery().toMillis();
    client.timer.scheduleAtFixedRate(client::ping, ping, ping, TimeUnit.MILLISECONDS);
    return client;
  }

  public State state() {
    return state;
  }

  /** Completes when the socket is (again) authenticated. */
  public CompletableFuture<Void> whenConnected() {
    return connected;
  }

  // ---- requests -----------------------------------------------------------------------------------

  /** Forwards a chat message ({@code POST /v1/commands}); completes with the core's reply. */
  public CompletableFuture<CommandReply> command(CommandRequest r) {
    return command(r, null);
  }

  /**
   * As {@link #command(CommandRequest)} with the caller's own idempotency key (for example the chat
   * message's id): a caller that retries after a failure with the same key gets the first answer if
   * the command did run, instead of running it twice. Null: a key per call.
   */
  public CompletableFuture<CommandReply> command(CommandRequest r, String idempotencyKey) {
    ObjectNode p = Json.object().put("channel", r.channel()).put("server", r.server())
        .put("user", r.user()).put("userName", r.userName()).put("text", r.text())
        .put("canManagePlugs", r.canManagePlugs());
    if (r.attachment() != null) {
      p.putObject("attachment").put("name", r.attachment().name())
          .put("base64", Base64.getEncoder().encodeToString(r.attachment().bytes()));
    }
    if (idempotencyKey != null) p.put("idempotencyKey", idempotencyKey);
    return request("command", p).thenApply(CoreClient::commandReply);
  }

  /** Reports this shard's state ({@code POST /v1/shards/status}). */
  public CompletableFuture<Void> reportStatus(ShardStatus s) {
    ObjectNode p = Json.object().put("shard", s.shard()).put("shardsTotal", s.shardsTotal())
        .put("state", s.state()).put("guilds", s.guilds()).put("latencyMillis", s.latencyMillis())
        .put("queue", s.queue());
    return request("shard.status", p).thenApply(x -> null);
  }

  /**
   * Any WebSocket event of docs/protocol.md ({@code plug.list}, {@code stats}, ...). The payload
   * gets an id, and an idempotency key unless it has its own {@code "idempotencyKey"}; the answer is
   * the payload of the server's answer.
   */
  public CompletableFuture<JsonNode> request(String event, ObjectNode payload) {
    CoreClientException f = fatal;
    if (f != null || state == State.CLOSED) {
      return CompletableFuture.failedFuture(f != null ? f : new CoreClientException(0, "client closed"));
    }
    String id = idPrefix + "-" + nextId.incrementAndGet();
    ObjectNode body = payload.deepCopy();
    body.put("id", id);
    if (!body.path("idempotencyKey").isTextual()) body.put("idempotencyKey", id);
    String key = body.get("idempotencyKey").textValue();
    Pending p = new Pending(id, key, event, body, FrameCodec.encode(new Frame(FrameType.MESSAGE, event, Json.bytes(body))));
    pending.put(id, p);
    p.timeout = timer.schedule(() -> fail(id, new CoreClientException(0, event + " timed out")),
        config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (HttpFallback.pathOf(event) != null) {
      p.fallback = timer.schedule(() -> fallback(p), config.httpFallbackAfter().toMillis(), TimeUnit.MILLISECONDS);
    }
    p.result.whenComplete((r, e) -> p.cancelTimers());
    Connection c;
    synchronized (lock) {
      c = current;
    }
    if (c != null) c.send(p.frame);
    return p.result;
  }

  /**
   * Follows a channel's feed from after {@code afterSeq}: {@code listener} gets every event (the
   * JSON object of docs/protocol.md) once and in order, across reconnects. Close the handle to stop.
   */
  public AutoCloseable subscribe(String channel, long afterSeq, Consumer<JsonNode> listener) {
    Feed feed = new Feed(channel, afterSeq, listener);
    Feed old = feeds.put(channel, feed);
    if (old != null) old.closed = true;
    if (state == State.CONNECTED) resubscribe(feed);
    return () -> {
      feed.closed = true;
      if (feeds.remove(channel, feed)) request("unsubscribe", Json.object().put("channel", channel));
    };
  }

  @Override
  public void close() {
    state = State.CLOSED;
    Connection c;
    synchronized (lock) {
      c = current;
      current = null;
    }
    failAll(new CoreClientException(0, "client closed"));
    if (c != null) c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    timer.shutdownNow();
  }

  // ---- connection ---------------------------------------------------------------------------------

  private void connect() {
    if (state == State.CLOSED) return;
    state = State.CONNECTING;
    Connection c = new Connection();
    http.newWebSocketBuilder()
        .connectTimeout(config.connectTimeout())
        .buildAsync(config.webSocketUrl(), c)
        .whenComplete((ws, error) -> {
          if (error != null) {
            LOG.debug("cannot reach the core at {}: {}", config.webSocketUrl(), error.toString());
            reconnectLater();
            return;
          }
          c.ws = ws;
          c.send(FrameCodec.encode(Frame.of(FrameType.AUTH, "auth",
              Json.object().put("token", config.token()).toString())));
        });
  }

  private void reconnectLater() {
    if (state == State.CLOSED || fatal != null) return;
    state = State.CONNECTING;
    long delay;
    synchronized (lock) {
      long max = config.maxBackoff().toMillis();
      long base = Math.min(max, config.minBackoff().toMillis() << Math.min(attempts, 20));
      attempts++;
      delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1); // jitter
    }
    try {
      timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the client is closing
    }
  }

  private void authenticated(Connection c) {
    List<Pending> resend;
    synchronized (lock) {
      if (state == State.CLOSED) return;
      current = c;
      attempts = 0;
      state = State.CONNECTED;
      resend = new ArrayList<>(pending.values());
    }
    resend.sort((a, b) -> Long.compare(a.sequence, b.sequence));
    for (Pending p : resend) if (!p.result.isDone()) c.send(p.frame);
    feeds.values().forEach(this::resubscribe);
    connected.complete(null);
  }

  private void lost(Connection c, String why) {
    synchronized (lock) {
      if (current != c && current != null) return;
      current = null;
      if (connected.isDone()) connected = new CompletableFuture<>();
    }
    LOG.info("connection to the core lost ({}); reconnecting", why);
    reconnectLater();
  }

  private void resubscribe(Feed feed) {
    request("subscribe", Json.object().put("channel", feed.channel).put("after", feed.lastSeq))
        .exceptionally(e -> {
          LOG.warn("cannot subscribe to {}: {}", feed.channel, e.getMessage());
          return null;
        });
  }

  private void ping() {
    if (state == State.CONNECTED) request("ping", Json.object()).exceptionally(e -> null);
  }

  // ---- answers ------------------------------------------------------------------------------------

  private void onFrame(Connection c, Frame frame) {
    ObjectNode body;
    try {
      body = frame.payload().length == 0 ? Json.object() : Json.parseObject(frame.payload());
    } catch (ApiException e) {
      LOG.warn("unreadable frame from the core: {}", e.getMessage());
      return;
    }
    switch (frame.type()) {
      case AUTH -> authenticated(c);
      case SYNC -> {
        Feed feed = feeds.get(body.path("channel").asText());
        if (feed != null) body.path("events").forEach(feed::deliver);
        complete(body);
      }
      case BROADCAST -> {
        if (frame.name().equals("revoked")) {
          LOG.warn("the core revoked this client's token");
          return; // the close (4401) that follows ends the client
        }
        Feed feed = feeds.get(body.path("channel").asText());
        if (feed != null) feed.deliver(body);
      }
      case MESSAGE -> complete(body);
      case ERROR, NOT_FOUND -> {
        int status = frame.type() == FrameType.NOT_FOUND ? 404 : body.path("status").asInt(500);
        if (frame.name().equals("auth")) {
          giveUp(new CoreClientException(status, "the core refused the token: " + body.path("error").asText()));
          return;
        }
        String id = body.path("id").asText(null);
        if (id != null) fail(id, new CoreClientException(status, body.path("error").asText("error")));
      }
    }
  }

  private void complete(ObjectNode body) {
    String id = body.path("id").asText(null);
    if (id == null) return;
    Pending p = pending.remove(id);
    if (p != null) p.result.complete(body); // an answer to an id already answered is dropped
  }

  private void fail(String id, CoreClientException e) {
    Pending p = pending.remove(id);
    if (p != null) p.result.completeExceptionally(e);
  }

  private void failAll(CoreClientException e) {
    for (String id : new ArrayList<>(pending.keySet())) fail(id, e);
  }

  private void giveUp(CoreClientException e) {
    fatal = e;
    state = State.CLOSED;
    LOG.error("{}", e.getMessage());
    failAll(e);
    connected.completeExceptionally(e);
  }

  // ---- HTTP fallback ------------------------------------------------------------------------------

  private void fallback(Pending p) {
    if (p.result.isDone() || state == State.CONNECTED || state == State.CLOSED) return;
    HttpRequest request = HttpRequest.newBuilder(config.http(HttpFallback.pathOf(p.event)))
        .timeout(config.requestTimeout())
        .header("Authorization", "Bearer " + config.token())
        .header("Idempotency-Key", p.key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(p.payload)))
        .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
      if (e != null) {
        LOG.debug("HTTP fallback for {} failed: {}", p.event, e.toString());
        if (!p.result.isDone()) {
          try {
            p.fallback = timer.schedule(() -> fallback(p), config.httpFallbackAfter().toMillis(), TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing
          }
        }
        return;
      }
      ObjectNode body = HttpFallback.body(r.body());
      if (r.statusCode() / 100 == 2) {
        body.put("id", p.id);
        complete(body);
      } else {
        fail(p.id, new CoreClientException(r.statusCode(), body.path("error").asText("HTTP " + r.statusCode())));
      }
    });
  }

  static CommandReply commandReply(JsonNode body) {
    JsonNode reply = body.get("reply");
    if (reply == null || reply.isNull()) return CommandReply.none(body.path("micros").asLong());
    List<RollResult> rolls = new ArrayList<>();
    for (JsonNode r : body.path("rolls")) {
      JsonNode total = r.get("total");
      Number n = total == null || total.isNull() ? null
          : total.isIntegralNumber() ? (Number) total.longValue() : (Number) total.doubleValue();
      rolls.add(new RollResult(r.path("expr").asText(), n, r.path("text").asText()));
    }
    return new CommandReply(reply.asText(), rolls, body.path("micros").asLong(), body.path("ephemeral").asBoolean());
  }

  // ---- parts --------------------------------------------------------------------------------------

  /** A request sent and not yet answered. */
  private final class Pending {
    final String id;
    final String key;
    final String event;
    final ObjectNode payload;
    final byte[] frame;
    final long sequence = nextId.get();
    final CompletableFuture<JsonNode> result = new CompletableFuture<>();
    volatile ScheduledFuture<?> timeout;
    volatile ScheduledFuture<?> fallback;

    Pending(String id, String key, String event, ObjectNode payload, byte[] frame) {
      this.id = id;
      this.key = key;
      this.event = event;
      this.payload = payload;
      this.frame = frame;
    }

    void cancelTimers() {
      if (timeout != null) timeout.cancel(false);
      if (fallback != null) fallback.cancel(false);
    }
  }

  /** A followed channel and the last seq delivered from it. */
  private static final class Feed {
    final String channel;
    final Consumer<JsonNode> listener;
    volatile long lastSeq;
    volatile boolean closed;

    Feed(String channel, long afterSeq, Consumer<JsonNode> listener) {
      this.channel = channel;
      this.lastSeq = afterSeq;
      this.listener = listener;
    }

    synchronized void deliver(JsonNode event) {
      long seq = event.path("seq").asLong();
      if (closed || seq <= lastSeq) return;
      lastSeq = seq;
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("event listener for {} failed", channel, e);
      }
    }
  }

  /** One WebSocket: its listener and its send queue (java.net.http allows one send at a time). */
  private final class Connection implements WebSocket.Listener {
    volatile WebSocket ws;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
    private final MessageAssembler pieces = new MessageAssembler();

    void send(byte[] frame) {
      synchronized (this) {
        WebSocket socket = ws;
        if (socket == null) return;
        sendChain = sendChain.handle((r, e) -> null)
            .thenCompose(x -> socket.sendBinary(ByteBuffer.wrap(frame), true))
            .exceptionally(e -> {
              LOG.debug("send to the core failed: {}", e.toString());
              return null;
            });
      }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] whole = pieces.add(data, last);
      if (whole != null) {
        try {
          onFrame(this, FrameCodec.decode(whole));
        } catch (FrameException e) {
          LOG.warn("broken frame from the core: {}", e.getMessage());
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      if (statusCode == CLOSE_UNAUTHORIZED) {
        giveUp(new CoreClientException(401, "the core closed the session: " + reason));
      }
      lost(this, "closed " + statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      lost(this, error.toString());
    }
  }

  /** The HTTP routes a request can fall back to. */
  private static final class HttpFallback {
    static String pathOf(String event) {
      return switch (event) {
        case "command" -> "/v1/commands";
        case "shard.status" -> "/v1/shards/status";
        default -> null;
      };
    }

    static ObjectNode body(byte[] bytes) {
      if (bytes == null || bytes.length == 0) return Json.object();
      try {
        JsonNode n = Json.MAPPER.readTree(bytes);
        return n != null && n.isObject() ? (ObjectNode) n : Json.object();
      } catch (IOException e) {
        return Json.object();
      }
    }
  }
}
