package sidekick.http.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sits before the aggregator and stops bad requests before they are buffered: a body larger than
 * its route allows (a plug upload may be larger than a JSON body) gets 413 as soon as the declared
 * length or the bytes received say so, and a client that starts a request but does not finish
 * sending it in time gets 408. Both close the connection, as the rest of the body is not read.
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
  private final ServerContext server;
  private long limit;
  private long received;
  private boolean discarding;
  private boolean incomplete;
  private ScheduledFuture<?> deadline;

  RequestGuard(ServerContext server) {
    this.server = server;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      startRequest(ctx, request);
      long declared = HttpUtil.getContentLength(request, -1L);
      if (declared > limit) {
        reject(ctx, msg, 413, "request body of " + declared + " bytes is larger than " + limit);
        return;
      }
    }
    if (msg instanceof HttpContent content) {
      if (discarding) {
        ReferenceCountUtil.release(msg);
        return;
      }
      received += content.content().readableBytes();
      if (received > limit) {
        reject(ctx, msg, 413, "request body is larger than " + limit + " bytes");
        return;
      }
      if (msg instanceof LastHttpContent) {
        incomplete = false;
        cancelDeadline();
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelDeadline();
    super.channelInactive(ctx);
  }

  private void startRequest(ChannelHandlerContext ctx, HttpRequest request) {
    cancelDeadline();
    limit = isUpload(request) ? server.config.maxUploadBytes() : server.config.maxBodyBytes();
    received = 0;
    discarding = false;
    incomplete = !(request instanceof LastHttpContent);
  }

  /**
   * Most requests arrive whole in one read; only one still incomplete when a read ends gets a timer
   * (a timer per request would cost more than the request).
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (incomplete && deadline == null && !discarding) {
      long timeout = server.config.requestReadTimeout().toMillis();
      deadline = ctx.executor().schedule(() -> timeOut(ctx), timeout, TimeUnit.MILLISECONDS);
    }
    ctx.fireChannelReadComplete();
  }

  private void timeOut(ChannelHandlerContext ctx) {
    deadline = null;
    if (!ctx.channel().isActive()) return;
    server.metrics.record("incomplete_request", 408, 0);
    sendAndClose(ctx, 408, "request not received completely in time");
    discarding = true;
  }

  private void reject(ChannelHandlerContext ctx, Object msg, int status, String message) {
    ReferenceCountUtil.release(msg);
    cancelDeadline();
    discarding = true;
    server.metrics.record("oversized_body", status, 0);
    sendAndClose(ctx, status, message);
  }

  private static void sendAndClose(ChannelHandlerContext ctx, int status, String message) {
    var response = Responses.error(status, message);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private void cancelDeadline() {
    if (deadline == null) return;
    deadline.cancel(false);
    deadline = null;
  }

  static boolean isUpload(HttpRequest request) {
    String uri = request.uri();
    return request.method().equals(HttpMethod.PUT)
        && uri.startsWith("/v1/channels/")
        && uri.contains("/plugs/");
  }
}
