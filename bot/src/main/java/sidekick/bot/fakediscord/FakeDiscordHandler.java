package sidekick.bot.fakediscord;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Netty glue of the fake: REST requests and gateway frames to {@link FakeDiscord}. */
final class FakeDiscordHandler extends SimpleChannelInboundHandler<Object> {
  private static final Logger log = LoggerFactory.getLogger(FakeDiscordHandler.class);
  private static final AttributeKey<GatewaySession> SESSION = AttributeKey.valueOf("fake-discord-session");

  private final FakeDiscord discord;

  FakeDiscordHandler(FakeDiscord discord) {
    this.discord = discord;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      GatewaySession session = new GatewaySession(ctx.channel());
      ctx.channel().attr(SESSION).set(session);
      discord.opened(session);
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof TextWebSocketFrame frame) {
      GatewaySession session = ctx.channel().attr(SESSION).get();
      JsonNode payload = Payloads.JSON.readTree(frame.text());
      discord.gateway(session, payload);
    } else if (msg instanceof FullHttpRequest request) {
      FakeDiscord.Response r = discord.rest(request);
      ByteBuf body = r.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body());
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), body);
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      if (r.body() != null) response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      HttpUtil.setKeepAlive(response, keepAlive);
      var write = ctx.writeAndFlush(response);
      if (!keepAlive) write.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    GatewaySession session = ctx.channel().attr(SESSION).get();
    if (session != null) discord.closed(session);
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("fake discord connection failed: {}", cause.toString());
    ctx.close();
  }
}
