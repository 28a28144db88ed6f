package sidekick.bench.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import sidekick.http.server.Transport;

/**
 * The ceiling for the shard-http load benchmark: the smallest useful Netty HTTP/1.1 server (same
 * codec, aggregator, transport ({@link Transport}) and thread counts as SidekickServer) answering every request with
 * a small JSON body, so the ratio measures what Sidekick adds (routing, JSON, auth, the core).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar sidekick.bench.http.HelloWorldServer [--port N] [--io-threads N]}
 * prints {@code listening on http://127.0.0.1:PORT} and serves until killed.
 */
public final class HelloWorldServer {
  private static final byte[] BODY = "{\"reply\":\"hello, world\"}".getBytes(StandardCharsets.UTF_8);

  private HelloWorldServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 0;
    int ioThreads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--io-threads" -> ioThreads = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    // the same transport as SidekickServer (epoll where it loads, -Dsidekick.transport to choose)
    Transport transport = Transport.configured();
    EventLoopGroup boss = transport.group(1, new DefaultThreadFactory("hello-accept", true));
    EventLoopGroup io = transport.group(ioThreads, new DefaultThreadFactory("hello-io", true));
    try {
      Channel ch = new ServerBootstrap()
          .group(boss, io)
          .channel(transport.serverChannel())
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Hello());
            }
          })
          .bind("127.0.0.1", port).sync().channel();
      System.out.println("listening on http://127.0.0.1:" + ((InetSocketAddress) ch.localAddress()).getPort()
          + " (" + transport.wireName() + ", " + ioThreads + " event loops)");
      System.out.flush();
      ch.closeFuture().sync();
    } finally {
      boss.shutdownGracefully();
      io.shutdownGracefully();
    }
  }

  /** The answer to every request: a small JSON body. */
  static FullHttpResponse answer(FullHttpRequest request) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(BODY));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
    return r;
  }

  private static final class Hello extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      var f = ctx.writeAndFlush(answer(request));
      if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
