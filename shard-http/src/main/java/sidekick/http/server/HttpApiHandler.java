package sidekick.http.server;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.Principal;
import sidekick.http.api.Api;
import sidekick.http.api.ApiException;
import sidekick.http.api.ApiResult;
import sidekick.http.api.CommandBody;
import sidekick.http.api.Json;
import sidekick.http.api.Op;

/**
 * Answers the HTTP requests of one connection: health, metrics, the {@code /v1} API (on the worker
 * pool, never on the event loop), long polls, static files, and CORS. A WebSocket upgrade at
 * {@code /v1/ws} is checked for its origin and passed on to the WebSocket handlers. Requests of one
 * connection are answered in order: while one is being worked on, later ones wait (and reading
 * stops), as HTTP/1.1 requires.
 */
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
  static final String WS_PATH = "/v1/ws";
  /** An AsciiString: its case-insensitive hash is computed once, not on every request's lookup. */
  static final AsciiString IDEMPOTENCY_KEY = AsciiString.cached("Idempotency-Key");
  /** Largest command body parsed and answered on the event loop (commands are short; larger go to a worker). */
  static final int QUICK_BODY_BYTES = 16 * 1024;
  static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final ServerContext server;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean busy;
  /** Reading was stopped while a request waits: only then is it turned on again (an atomic write less per answer). */
  private boolean readsPaused;

  HttpApiHandler(ServerContext server) {
    super(false); // requests are released when answered
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (isWebSocketUpgrade(request)) {
      upgrade(ctx, request);
      return;
    }
    if (busy) {
      waiting.add(request);
      ctx.channel().config().setAutoRead(false);
      readsPaused = true;
      return;
    }
    handle(ctx, request);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    FullHttpRequest r;
    while ((r = waiting.poll()) != null) r.release();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    Exchange exchange = new Exchange(ctx, request, server, this::finished);
    busy = true;
    try {
      route(exchange);
    } catch (ApiException e) {
      exchange.fail(e);
    } catch (RuntimeException e) {
      LOG.error("unexpected failure answering {} {}", request.method(), request.uri(), e);
      exchange.fail(new ApiException(500, "internal error"));
    }
  }

  /** Called on the event loop once an exchange has been answered. */
  private void finished(ChannelHandlerContext ctx) {
    busy = false;
    FullHttpRequest next = waiting.poll();
    if (next != null) {
      handle(ctx, next);
    } else if (readsPaused && ctx.channel().isActive()) {
      readsPaused = false;
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void route(Exchange exchange) {
    FullHttpRequest request = exchange.request;
    if (!request.decoderResult().isSuccess()) {
      exchange.closeAfter = true;
      throw ApiException.badRequest("malformed HTTP request");
    }
    if (server.draining()) {
      exchange.closeAfter = true;
      throw new ApiException(503, "shutting down", null, 1);
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    if (request.method().equals(HttpMethod.OPTIONS)) {
      preflight(exchange);
      return;
    }
    if (!server.cors.allowed(request)) {
      exchange.route = "cors";
      throw ApiException.forbidden("origin not allowed");
    }
    switch (path) {
      case "/healthz" -> {
        exchange.route = "healthz";
        exchange.send(Responses.text(200, "ok\n", "text/plain; charset=utf-8"));
      }
      case "/metrics" -> {
        exchange.route = "metrics";
        exchange.send(Responses.text(200, server.metrics.scrape(), PROMETHEUS_TYPE));
      }
      default -> {
        if (path.startsWith("/v1/") || path.equals("/v1")) api(exchange, uri);
        else staticFile(exchange, path);
      }
    }
  }

  private void api(Exchange exchange, QueryStringDecoder uri) {
    FullHttpRequest request = exchange.request;
    HttpRoutes.Match match = HttpRoutes.match(request.method(), uri.path());
    Op op = match.op();
    exchange.route = op.wireName();
    String token = bearer(request);
    if (op == Op.EVENTS && uri.parameters().containsKey("wait")) {
      ObjectNode args = arguments(request, op, uri.parameters());
      match.addTo(args);
      LongPoll.start(exchange, token, args);
      return;
    }
    String key = request.headers().get(IDEMPOTENCY_KEY);
    if (op == Op.COMMAND && request.content().readableBytes() <= QUICK_BODY_BYTES) {
      Principal known = server.api.knownCaller(token);
      if (known != null) {
        command(exchange, known, uri, match, key);
        return;
      }
    }
    if (!op.needsToken()) server.api.admitAnonymous(clientAddress(exchange));
    onWorker(exchange, op, () -> {
      // the body is parsed here, on a worker: a large JSON body must not hold the event loop
      ObjectNode args = arguments(request, op, uri.parameters());
      match.addTo(args);
      return server.api.call(op, token, args, key);
    });
  }

  /**
   * A command of a caller known in memory, on the event loop: answered right here when it needs
   * nothing that blocks (a roll, chat), by a plug worker when it needs nothing blocking but the
   * channel's plugs, else handed to a worker. The body is small (checked). A plain body is read
   * without a JSON tree ({@link CommandBody}); any other takes the general path.
   */
  private void command(Exchange exchange, Principal caller, QueryStringDecoder uri, HttpRoutes.Match match, String key) {
    CommandRequest plain =
        uri.rawQuery().isEmpty() ? CommandBody.parse(ByteBufUtil.getBytes(exchange.request.content())) : null;
    CommandRequest command;
    if (plain != null) {
      server.api.admitCommand(caller, plain);
      command = plain;
    } else {
      ObjectNode args = arguments(exchange.request, Op.COMMAND, uri.parameters());
      match.addTo(args);
      command = server.api.admitCommand(caller, args);
    }
    if (key != null && !key.isEmpty()) {
      commandOnce(exchange, caller, command, key);
      return;
    }
    CompletableFuture<CommandReply> reply = server.api.commandWithoutBlocking(caller, command);
    if (reply == null) {
      onWorker(exchange, Op.COMMAND, () -> server.api.commandAdmitted(caller, command));
      return;
    }
    if (reply.isDone()) { // answered right here (the usual roll or chat): no stage to chain, nothing in flight
      CommandReply r;
      try {
        r = reply.join();
      } catch (CompletionException | CancellationException e) {
        exchange.fail(Api.failure(e));
        return;
      }
      answerCommand(exchange, r);
      return;
    }
    // answered by the plug worker that ran the channel's plugs (no worker waits for them); in flight
    // until then, so a graceful shutdown waits for it
    server.answerWhenDone(() -> reply, (r, error) -> {
      if (error == null) answerCommand(exchange, r);
      else exchange.fail(Api.failure(error));
    });
  }

  /**
   * A command with an idempotency key: started the same way, and a repeat of the key gets the first
   * run's answer when it comes, holding no thread meanwhile. In flight until answered.
   */
  private void commandOnce(Exchange exchange, Principal caller, CommandRequest command, String key) {
    server.answerWhenDone(() -> server.api.commandStarted(caller, command, key, server::supply), (result, error) -> {
      if (error == null) answer(exchange, Op.COMMAND, Responses.json(result.status(), result.body()));
      else exchange.fail(Api.failure(error));
    });
  }

  private void answerCommand(Exchange exchange, CommandReply reply) {
    answer(exchange, Op.COMMAND, Responses.commandReply(reply));
  }

  /** Runs an operation on the worker pool and answers with its result. */
  private void onWorker(Exchange exchange, Op op, Supplier<ApiResult> work) {
    server.submit(
        () -> {
          try {
            ApiResult result = work.get();
            answer(exchange, op, Responses.json(result.status(), result.body()));
          } catch (ApiException e) {
            exchange.fail(e);
          } catch (RuntimeException e) {
            LOG.error("operation {} failed", op.wireName(), e);
            exchange.fail(new ApiException(500, "internal error"));
          }
        });
  }

  /** Sends a success; that of a state-changing operation once its events are on disk (if so configured). */
  private void answer(Exchange exchange, Op op, FullHttpResponse response) {
    if (op.mutating()) server.answerAfterCommit(() -> exchange.send(response));
    else exchange.send(response);
  }

  private static ObjectNode arguments(FullHttpRequest request, Op op, Map<String, List<String>> query) {
    ObjectNode args;
    if (op == Op.PLUG_PUT) {
      args = Json.object();
      args.set("wasm", BinaryNode.valueOf(ByteBufUtil.getBytes(request.content())));
    } else if (request.method().equals(HttpMethod.POST)) {
      args = Json.parseObject(ByteBufUtil.getBytes(request.content()));
    } else {
      args = Json.object();
    }
    query.forEach((name, values) -> {
      if (!values.isEmpty() && !args.has(name)) args.put(name, values.get(0));
    });
    return args;
  }

  private static String clientAddress(Exchange exchange) {
    var remote = exchange.ctx.channel().remoteAddress();
    return remote instanceof java.net.InetSocketAddress a ? a.getAddress().getHostAddress() : String.valueOf(remote);
  }

  /** The token of {@code Authorization: Bearer TOKEN}, or null. */
  static String bearer(FullHttpRequest request) {
    String h = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (h == null) return null;
    h = h.trim();
    if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) return h.substring(7).trim();
    return null;
  }

  private void preflight(Exchange exchange) {
    exchange.route = "preflight";
    if (!server.cors.allowed(exchange.request)) throw ApiException.forbidden("origin not allowed");
    FullHttpResponse r = Responses.empty(204);
    server.cors.decoratePreflight(exchange.request, r.headers());
    exchange.send(r);
  }

  private void staticFile(Exchange exchange, String path) {
    exchange.route = "static";
    HttpMethod m = exchange.request.method();
    if (!m.equals(HttpMethod.GET) && !m.equals(HttpMethod.HEAD)) {
      throw new ApiException(405, "method " + m + " not allowed on " + path);
    }
    StaticFiles.StaticFile file =
        server.staticFiles.find(path).orElseThrow(() -> ApiException.notFound("not found: " + path));
    String ifNoneMatch = exchange.request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
    FullHttpResponse r;
    if (file.etag().equals(ifNoneMatch)) {
      r = Responses.empty(304);
      r.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
    } else {
      r = Responses.bytes(200, m.equals(HttpMethod.HEAD) ? new byte[0] : file.bytes(), file.contentType());
      if (m.equals(HttpMethod.HEAD)) r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, file.bytes().length);
    }
    r.headers().set(HttpHeaderNames.ETAG, file.etag()).set(HttpHeaderNames.CACHE_CONTROL, file.cacheControl());
    exchange.send(r);
  }

  private static boolean isWebSocketUpgrade(FullHttpRequest request) {
    return request.headers().contains(HttpHeaderNames.UPGRADE) // cheap first: most requests have none
        && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        && new QueryStringDecoder(request.uri()).path().equals(WS_PATH);
  }

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (server.draining() || !server.cors.allowed(request)) {
      FullHttpResponse r =
          server.draining() ? Responses.error(503, "shutting down") : Responses.error(403, "origin not allowed");
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      request.release();
      server.metrics.record("ws", r.status().code(), 0);
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (ctx.pipeline().get("ws") == null) ServerInitializer.addWebSocketHandlers(ctx.pipeline(), ctx.name(), server);
    ctx.fireChannelRead(request); // to WebSocketServerProtocolHandler
  }

  static boolean keepAlive(FullHttpRequest request) {
    return HttpUtil.isKeepAlive(request);
  }
}
