package sidekick.http.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;

/**
 * The pipeline of one connection: [TLS] -> HTTP codec -> idle timeout -> request guard (sizes, slow
 * senders) -> aggregator -> HTTP handler; at an upgrade to /v1/ws the HTTP handler adds WebSocket
 * upgrade -> frame aggregator -> WebSocket session, and the HTTP-only handlers leave the pipeline.
 */
final class ServerInitializer extends ChannelInitializer<Channel> {
  static final int MAX_INITIAL_LINE = 8192;
  static final int MAX_HEADER_BYTES = 16384;
  static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  private final ServerContext server;
  private final SslContext ssl;
  private final ChannelGroup open;

  /** {@code open} collects every connection, for the graceful shutdown. */
  ServerInitializer(ServerContext server, SslContext ssl, ChannelGroup open) {
    this.server = server;
    this.ssl = ssl;
    this.open = open;
  }

  @Override
  protected void initChannel(Channel ch) {
    open.add(ch);
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) p.addLast("tls", ssl.newHandler(ch.alloc()));
    p.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 65536));
    p.addLast("idle", new IdleCloser(server.config.idleTimeout()));
    p.addLast("guard", new RequestGuard(server));
    p.addLast("aggregate", new JsonErrorAggregator(server.config.maxUploadBytes()));
    p.addLast("api", new HttpApiHandler(server));
  }

  /**
   * Adds the WebSocket handlers after the HTTP handler, at the upgrade: plain HTTP requests never
   * pass through them (each handler in the pipeline costs every read, write and flush).
   */
  static void addWebSocketHandlers(ChannelPipeline p, String after, ServerContext server) {
    int maxFrame = server.config.maxUploadFrameBytes();
    p.addAfter(after, "ws", new WebSocketServerProtocolHandler(
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(HttpApiHandler.WS_PATH)
            .checkStartsWith(true) // so "/v1/ws?..." upgrades too; other paths never reach it
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
            .dropPongFrames(true)
            .decoderConfig(WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrame)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build())
            .build()));
    p.addAfter("ws", "wsAggregate", new WebSocketFrameAggregator(maxFrame));
    p.addAfter("wsAggregate", "session", new WebSocketSession(server));
  }

  /** The aggregator's own 413 has an empty body; ours says why, as JSON. */
  private static final class JsonErrorAggregator extends HttpObjectAggregator {
    JsonErrorAggregator(int maxContentLength) {
      super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpMessage oversized) {
      var response = Responses.error(413, "request body is larger than " + maxContentLength() + " bytes");
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }
  }

}
