package sidekick.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.CommandRequest;
import sidekick.core.CoreException;
import sidekick.core.Principal;
import sidekick.core.TokenInfo;
import sidekick.http.api.Api;
import sidekick.http.api.ApiException;
import sidekick.http.api.ApiResult;
import sidekick.http.api.Json;
import sidekick.http.api.Op;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameCodec;
import sidekick.http.frame.FrameException;
import sidekick.http.frame.FrameType;

/**
 * One WebSocket connection at {@code /v1/ws} (CONTRACT §3, docs/protocol.md): the first frame must
 * authenticate; then requests carry ids and run on the worker pool (the token is checked through
 * the core on each one), commands as over HTTP without a worker where they can; answers go back
 * with the same id, in the order they are ready, written on the session's event loop whichever
 * thread finished them. At most {@link ServerConfig#maxInFlightPerSocket} requests are in flight
 * ({@link InFlightRequests}); beyond, 429. Subscriptions push channel events as type-1 broadcasts,
 * and a revoked token ends the session with a {@code revoked} broadcast and close code 4401. Broken
 * frames are answered with a type-4 error and the session goes on.
 */
final class WebSocketSession extends SimpleChannelInboundHandler<WebSocketFrame>
    implements Sessions.Revocable {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);
  /** Close code for a missing, bad or revoked token (4000-4999 are for applications). */
  static final int CLOSE_UNAUTHORIZED = 4401;
  /** Bytes queued for a client that does not read before it is dropped as too slow. */
  static final long MAX_PENDING_BYTES = 8L << 20;

  private final ServerContext server;
  private final Map<String, ChannelFeed> feeds = new HashMap<>();
  private ChannelHandlerContext ctx;
  private volatile Principal principal;
  private volatile String token;
  private boolean authenticating;
  private volatile boolean closed;
  private boolean upgraded;
  private final InFlightRequests inFlight;

  WebSocketSession(ServerContext server) {
    this.server = server;
    this.inFlight = new InFlightRequests(server.config.maxInFlightPerSocket(), server);
  }

  /**
   * The session's event loop, where its state lives. A feed's listener hands events over through it;
   * when the loop is gone it throws, so the core drops that listener.
   */
  Executor executor() {
    return ctx.executor();
  }

  /** Runs a task on the session's event loop: at once when already there. */
  private void onLoop(Runnable task) {
    if (ctx.executor().inEventLoop()) task.run();
    else queueOnLoop(task);
  }

  /** Queues a task on the session's event loop; dropped (nobody to answer) when the loop is gone. */
  private void queueOnLoop(Runnable task) {
    try {
      ctx.executor().execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("WebSocket {} is gone with its event loop: a late frame is dropped", ctx.channel().remoteAddress());
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      ctx.pipeline().remove(RequestGuard.class);
      ctx.pipeline().remove(HttpApiHandler.class);
      server.webSockets.incrementAndGet();
      upgraded = true;
      server.metrics.record("ws", 101, 0);
    }
    super.userEventTriggered(ctx, evt);
  }

  /** A request the upgrade handler did not take must still get an answer (never hang). */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof io.netty.handler.codec.http.FullHttpRequest request) {
      request.release();
      var response = Responses.error(400, "not a valid WebSocket upgrade for " + HttpApiHandler.WS_PATH);
      response.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof BinaryWebSocketFrame)) {
      sendError("frame", null, 400, "only binary frames in the layout of the contract are accepted");
      return;
    }
    ByteBuf content = frame.content();
    Frame request;
    try {
      request = FrameCodec.decode(content.nioBuffer());
    } catch (FrameException e) {
      server.metrics.record("ws:broken_frame", 400, 0);
      sendError("frame", null, 400, "broken frame: " + e.getMessage());
      return;
    }
    if (content.readableBytes() > server.config.maxFrameBytes()
        && !request.name().equals(Op.PLUG_PUT.wireName())) {
      sendError(request.name(), null, 413,
          "frame larger than " + server.config.maxFrameBytes() + " bytes");
      return;
    }
    if (token == null) {
      authenticate(request);
    } else {
      dispatch(request);
    }
  }

  private void authenticate(Frame frame) {
    if (authenticating) {
      sendError(frame.name(), null, 409, "authentication in progress");
      return;
    }
    if (frame.type() != FrameType.AUTH) {
      sendError(frame.name(), null, 401, "the first frame must be auth with a token");
      closeWith(CLOSE_UNAUTHORIZED, "unauthorized");
      return;
    }
    String presented;
    try {
      presented = Json.parseObject(frame.payload()).path("token").asText("");
    } catch (ApiException e) {
      presented = "";
    }
    String candidate = presented;
    // set only when the check runs: a refused one (429, 503) must not block the next attempt
    authenticating = submit(frame.name(), null, () -> {
      try {
        Principal p = server.api.authenticate(candidate);
        // registered before the answer, and the token checked again, so no revocation slips by
        principal = p;
        server.sessions.add(this);
        if (closed) server.sessions.remove(this); // the socket closed meanwhile: not left registered
        if (server.api.core().authenticate(candidate).isEmpty()) throw ApiException.unauthorized();
        onLoop(() -> authenticated(candidate, p));
      } catch (ApiException e) {
        if (principal != null) server.sessions.remove(this);
        onLoop(() -> {
          sendError("auth", null, e.status(), e.getMessage());
          closeWith(CLOSE_UNAUTHORIZED, "unauthorized");
        });
      }
    });
  }

  private void authenticated(String token, Principal p) {
    authenticating = false;
    if (closed) return;
    this.token = token;
    ObjectNode body = Json.object().put("ok", true);
    body.setAll((ObjectNode) Api.whoamiOf(p));
    write(new Frame(FrameType.AUTH, "auth", Json.bytes(body)));
  }

  private void dispatch(Frame frame) {
    ObjectNode payload;
    try {
      payload = frame.payload().length == 0 ? Json.object() : Json.parseObject(frame.payload());
    } catch (ApiException e) {
      sendError(frame.name(), null, 400, e.getMessage());
      return;
    }
    JsonNode id = payload.get("id");
    if (frame.type() != FrameType.MESSAGE) {
      sendError(frame.name(), id, 400, "expected a message frame (type 0), got " + frame.type());
      return;
    }
    switch (frame.name()) {
      case "subscribe" -> subscribe(id, payload);
      case "unsubscribe" -> unsubscribe(id, payload);
      default -> {
        Op op = Op.byWireName(frame.name());
        if (op == null || op == Op.APPS_BIND) {
          ObjectNode body = Json.object().set("id", id);
          body.put("error", "unknown event " + frame.name());
          write(new Frame(FrameType.NOT_FOUND, frame.name(), Json.bytes(body)));
          return;
        }
        call(op, id, payload);
      }
    }
  }

  private void call(Op op, JsonNode id, ObjectNode payload) {
    String key = payload.path("idempotencyKey").asText(null);
    long start = System.nanoTime();
    Principal known = op == Op.COMMAND ? server.api.knownCaller(token) : null;
    if (known != null) command(known, id, payload, key, start);
    else onWorker(op, id, start, () -> server.api.call(op, token, payload, key));
  }

  /**
   * A command of a caller known in memory, as over HTTP: started on the event loop and answered
   * right here when it needs nothing that blocks, by the plug worker that ran the channel's plugs
   * when it needs nothing blocking but those, else on a worker. An idempotency key is honoured
   * without any thread waiting for the first run. A caller not known in memory takes
   * {@link #onWorker}, which checks the token fully.
   */
  private void command(Principal caller, JsonNode id, ObjectNode payload, String key, long start) {
    inSlot(Op.COMMAND, id, start, () -> {
      CommandRequest command = server.api.admitCommand(caller, payload);
      return server.api.commandStarted(caller, command, key, server::supply);
    });
  }

  /** Runs an operation on the worker pool, within the in-flight limit, and answers with its result. */
  private void onWorker(Op op, JsonNode id, long start, Supplier<ApiResult> work) {
    inSlot(op, id, start, () -> server.supply(work));
  }

  /**
   * Starts a request within the socket's in-flight limit (else 429) and answers it when it ends,
   * from whichever thread ends it; a failure to start is its answer too.
   */
  private void inSlot(Op op, JsonNode id, long start, Supplier<CompletableFuture<ApiResult>> begin) {
    InFlightRequests.Slot slot = takeSlot(op.wireName(), id);
    if (slot == null) return;
    CompletableFuture<ApiResult> answer;
    try {
      answer = begin.get();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((result, error) -> answered(op, id, start, slot, result, error));
  }

  /**
   * Sends a request's answer or error, from whichever thread finished it (the frame is written on
   * the event loop), then gives its slot back: exactly once, also when the socket is gone.
   */
  private void answered(Op op, JsonNode id, long start, InFlightRequests.Slot slot, ApiResult result, Throwable error) {
    try {
      if (error == null) {
        sendAnswer(op, id, start, result.body());
      } else {
        ApiException e = asApiException(op, error);
        server.metrics.record("ws:" + op.wireName(), e.status(), System.nanoTime() - start);
        sendError(op.wireName(), id, e);
      }
    } catch (RuntimeException e) {
      LOG.error("answering WebSocket request {} failed", op.wireName(), e); // not lost silently
    } finally {
      slot.giveBack();
    }
  }

  private static ApiException asApiException(Op op, Throwable error) {
    return Api.failure("WebSocket request " + op.wireName(), error);
  }

  /** A slot for one more request, or null having answered 429: the socket has its limit in flight. */
  private InFlightRequests.Slot takeSlot(String name, JsonNode id) {
    InFlightRequests.Slot slot = inFlight.tryTake();
    if (slot == null) sendError(name, id, 429, "more than " + inFlight.max() + " requests in flight");
    return slot;
  }

  private void sendAnswer(Op op, JsonNode id, long start, JsonNode body) {
    Frame frame = new Frame(FrameType.MESSAGE, op.wireName(), Json.bytes(answer(op, id, body)));
    Runnable send = () -> {
      server.metrics.record("ws:" + op.wireName(), 200, System.nanoTime() - start);
      write(frame);
    };
    // a state-changing answer goes out once its events are on disk (no thread waits for it)
    if (op.mutating()) server.answerAfterCommit(send);
    else send.run();
  }

  static ObjectNode answer(Op op, JsonNode id, JsonNode body) {
    ObjectNode out = Json.object();
    out.set("id", id);
    if (body == null) return out;
    if (body.isObject()) out.setAll((ObjectNode) body);
    else out.set(op.listField() == null ? "result" : op.listField(), body);
    return out;
  }

  private void subscribe(JsonNode id, ObjectNode payload) {
    String channel = payload.path("channel").asText("");
    if (channel.isEmpty()) {
      sendError("subscribe", id, 400, "missing field \"channel\"");
      return;
    }
    long after = payload.path("after").asLong(0);
    ChannelFeed old = feeds.remove(channel);
    if (old != null) old.close();
    ChannelFeed feed = new ChannelFeed(this, channel, id);
    feeds.put(channel, feed);
    submit("subscribe", id, () -> {
      try {
        Principal p = server.api.authenticate(token);
        server.api.admit(p);
        var subscription = server.api.core().subscribe(p, channel, after, feed::fromCore);
        onLoop(() -> feed.subscribed(subscription));
      } catch (CoreException e) {
        failFeed(feed, id, Api.translate(e));
      } catch (ApiException e) {
        failFeed(feed, id, e);
      }
    });
  }

  private void failFeed(ChannelFeed feed, JsonNode id, ApiException e) {
    onLoop(() -> {
      feeds.remove(feed.channel(), feed);
      feed.close();
    });
    sendError("subscribe", id, e);
  }

  private void unsubscribe(JsonNode id, ObjectNode payload) {
    ChannelFeed feed = feeds.remove(payload.path("channel").asText(""));
    if (feed != null) feed.close();
    write(new Frame(FrameType.MESSAGE, "unsubscribe", Json.bytes(Json.object().set("id", id))));
  }

  /**
   * Runs a request on the worker pool, within the per-socket in-flight limit; false when it was
   * refused (answered with 429 or 503).
   */
  private boolean submit(String name, JsonNode id, Runnable work) {
    InFlightRequests.Slot slot = takeSlot(name, id);
    if (slot == null) return false;
    try {
      server.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          LOG.error("WebSocket request {} failed", name, e);
          sendError(name, id, 500, "internal error");
        } finally {
          slot.giveBack();
        }
      });
      return true;
    } catch (ApiException e) {
      slot.giveBack();
      sendError(name, id, e);
      return false;
    }
  }

  @Override
  public String tokenId() {
    return principal.tokenId();
  }

  @Override
  public void revoke(TokenInfo revoked) {
    onLoop(() -> {
      if (closed) return;
      ObjectNode event = Json.object().put("type", "revoked").put("tokenId", revoked.id())
          .put("kind", revoked.kind().wireName()).put("user", revoked.user());
      write(new Frame(FrameType.BROADCAST, "revoked", Json.bytes(event)));
      closeWith(CLOSE_UNAUTHORIZED, "token revoked");
    });
  }

  @Override
  public void serverClosing() {
    onLoop(() -> closeWith(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "server shutting down"));
  }

  /** Writes a frame from any thread, on the event loop; drops a client that lets too much pile up unread. */
  void write(Frame frame) {
    if (!ctx.executor().inEventLoop()) {
      queueOnLoop(() -> write(frame));
      return;
    }
    if (closed) return;
    var channel = ctx.channel();
    if (!channel.isWritable() && channel.bytesBeforeWritable() > MAX_PENDING_BYTES) {
      LOG.warn("dropping WebSocket client {}: too slow to read", channel.remoteAddress());
      closeWith(WebSocketCloseStatus.POLICY_VIOLATION.code(), "too slow");
      return;
    }
    channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(FrameCodec.encode(frame))));
  }

  private void sendError(String name, JsonNode id, ApiException e) {
    ObjectNode body = Json.object();
    body.set("id", id);
    body.put("error", e.getMessage()).put("status", e.status());
    if (e.extra() != null) body.setAll(e.extra());
    if (e.retryAfterSeconds() > 0) body.put("retryAfter", e.retryAfterSeconds());
    write(new Frame(FrameType.ERROR, name, Json.bytes(body)));
  }

  private void sendError(String name, JsonNode id, int status, String message) {
    sendError(name, id, new ApiException(status, message));
  }

  void closeWith(int code, String reason) {
    if (closed) return;
    closed = true;
    ctx.channel()
        .writeAndFlush(new CloseWebSocketFrame(code, reason))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closed = true;
    feeds.values().forEach(ChannelFeed::close);
    feeds.clear();
    if (principal != null) server.sessions.remove(this);
    if (upgraded) server.webSockets.decrementAndGet();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
      server.metrics.record("ws:broken_frame", 413, 0);
      LOG.debug("WebSocket client {} sent a bad frame: {}", ctx.channel().remoteAddress(), cause.getMessage());
      closeWith(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "frame too large or corrupt");
      return;
    }
    LOG.debug("WebSocket {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
