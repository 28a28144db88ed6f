package sidekick.http.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import sidekick.http.api.ApiException;

/**
 * One HTTP request and its answer. The answer may be sent from any thread (a worker, a core event
 * listener); it is written on the connection's event loop exactly once, with CORS and keep-alive
 * headers, counted in the metrics, and the request is released.
 */
final class Exchange {
  final ChannelHandlerContext ctx;
  final FullHttpRequest request;
  final ServerContext server;
  final long startNanos = System.nanoTime();
  private final Consumer<ChannelHandlerContext> onAnswered;
  private static final AtomicIntegerFieldUpdater<Exchange> ANSWERED =
      AtomicIntegerFieldUpdater.newUpdater(Exchange.class, "answered");
  /** 1 once an answer was taken (a field, not an AtomicBoolean: one object less per request). */
  private volatile int answered;
  /** The label of this request in /metrics. */
  volatile String route = "unrouted";
  volatile boolean closeAfter;

  Exchange(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      ServerContext server,
      Consumer<ChannelHandlerContext> onAnswered) {
    this.ctx = ctx;
    this.request = request;
    this.server = server;
    this.onAnswered = onAnswered;
  }

  boolean answered() {
    return answered != 0;
  }

  void fail(ApiException e) {
    send(Responses.error(e));
  }

  void send(FullHttpResponse response) {
    if (!ANSWERED.compareAndSet(this, 0, 1)) {
      response.release();
      return;
    }
    if (ctx.executor().inEventLoop()) write(response);
    else ctx.executor().execute(() -> write(response));
  }

  private void write(FullHttpResponse response) {
    server.cors.decorate(request, response.headers());
    boolean keepAlive = !closeAfter && HttpUtil.isKeepAlive(request) && !server.draining();
    if (keepAlive) {
      if (!request.protocolVersion().isKeepAliveDefault()) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      }
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    server.metrics.record(route, response.status().code(), System.nanoTime() - startNanos);
    request.release();
    if (!ctx.channel().isActive()) {
      response.release();
      onAnswered.accept(ctx);
      return;
    }
    var future = ctx.writeAndFlush(response);
    if (!keepAlive) future.addListener(ChannelFutureListener.CLOSE);
    onAnswered.accept(ctx);
  }
}
