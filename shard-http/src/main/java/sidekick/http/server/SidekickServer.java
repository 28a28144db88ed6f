package sidekick.http.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.Core;
import sidekick.core.MetricSample;
import sidekick.http.api.Api;
import sidekick.http.api.IdempotencyCache;
import sidekick.http.api.RateLimiter;

/**
 * The core on the network: one port with the HTTP API, the WebSocket feed at {@code /v1/ws}, the
 * web page, {@code /metrics} and {@code /healthz} (CONTRACT §2-§3, docs/protocol.md, docs/http.md).
 * Netty event loops do only I/O; the core's blocking calls run on a bounded worker pool.
 * {@link #close()} shuts down gracefully: stop accepting, let in-flight requests finish (up to the
 * drain time), tell WebSocket clients the server is going away, then stop. It does not close the
 * core, which belongs to the caller.
 */
public final class SidekickServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SidekickServer.class);
  private static final long SWEEP_SECONDS = 60;

  private final ServerConfig config;
  private final ServerContext context;
  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final ThreadPoolExecutor workers;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final AutoCloseable revocations;
  private final Channel serverChannel;
  private final InetSocketAddress address;
  private volatile boolean closed;

  private SidekickServer(Core core, ServerConfig config) throws InterruptedException {
    this.config = config;
    SslContext ssl = config.tls() ? sslContext(config) : null;
    workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(config.workerQueue()), new DefaultThreadFactory("sidekick-worker", true));
    Metrics metrics = new Metrics();
    context = new ServerContext(config, api(core, config), metrics, workers);
    registerMetrics(core, metrics);
    revocations = core.onRevocation(token -> {
      int n = context.sessions.revoke(token);
      if (n > 0) LOG.info("token {} revoked: closed {} session(s)", token.id(), n);
    });
    Transport transport = config.transport();
    boss = transport.group(1, new DefaultThreadFactory("sidekick-accept", true));
    io = transport.group(config.ioThreads(), new DefaultThreadFactory("sidekick-io", true));
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, io)
        .channel(transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 << 10, 1 << 20))
        .childHandler(new ServerInitializer(context, ssl, channels));
    try {
      serverChannel = bootstrap.bind(config.bindHost(), config.port()).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      shutdownQuietly();
      throw e;
    }
    address = (InetSocketAddress) serverChannel.localAddress();
    LOG.info("serving {} on the {} transport with {} event loop(s)", address, transport.wireName(), config.ioThreads());
    io.next().scheduleAtFixedRate(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
  }

  private static Api api(Core core, ServerConfig config) {
    return new Api(core,
        new RateLimiter(config.tokenRatePerSecond(), config.tokenBurst()),
        new RateLimiter(config.channelRatePerSecond(), config.channelBurst()),
        new RateLimiter(config.anonymousRatePerSecond(), config.anonymousBurst()),
        new IdempotencyCache(config.idempotencyTtl(), config.idempotencyMaxEntries()),
        config.commandsOnEventLoop());
  }

  /**
   * The handlers of one connection, on a server context of their own and without a socket: for
   * driving the server's whole HTTP path through Netty's {@code EmbeddedChannel} (the benchmark of
   * the exchange's CPU cost). Work that would go to the worker pool runs on the calling thread.
   */
  public static ChannelInitializer<Channel> connectionHandlers(Core core, ServerConfig config) {
    var context = new ServerContext(config, api(core, config), new Metrics(), ImmediateEventExecutor.INSTANCE);
    return new ServerInitializer(context, null, new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE));
  }

  /** Binds and starts serving; returns once the port accepts connections. */
  public static SidekickServer start(Core core, ServerConfig config) throws InterruptedException {
    return new SidekickServer(core, config);
  }

  public int port() {
    return address.getPort();
  }

  public String host() {
    return address.getHostString();
  }

  /** {@code http://HOST:PORT} (https with TLS). */
  public String url() {
    String host = address.getAddress().isAnyLocalAddress() ? config.bindHost() : address.getHostString();
    if (host.contains(":")) host = "[" + host + "]";
    return (config.tls() ? "https://" : "http://") + host + ":" + port();
  }

  public Metrics metrics() {
    return context.metrics;
  }

  /** Requests being worked on right now. */
  public int inFlight() {
    return context.inFlight();
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    LOG.info("shutting down: draining {} request(s) in flight", context.inFlight());
    context.startDraining();
    serverChannel.close().awaitUninterruptibly();
    long deadline = System.nanoTime() + config.shutdownDrain().toNanos();
    while (context.inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (context.inFlight() > 0) LOG.warn("{} request(s) still running after the drain time", context.inFlight());
    // parked long polls answer (empty), WebSocket sessions get 1001; authenticated or not
    context.sessions.closeAll();
    channels.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE),
            ch -> ch.pipeline().get(WebSocketSession.class) != null && ch.pipeline().get(HttpApiHandler.class) == null)
        .awaitUninterruptibly(1, TimeUnit.SECONDS);
    channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    shutdownQuietly();
  }

  private void shutdownQuietly() {
    try {
      revocations.close();
    } catch (Exception e) {
      LOG.debug("closing the revocation listener failed", e);
    }
    workers.shutdown();
    List<io.netty.util.concurrent.Future<?>> done = new ArrayList<>();
    done.add(boss.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    done.add(io.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    done.forEach(f -> f.awaitUninterruptibly(3, TimeUnit.SECONDS));
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sweep() {
    context.api.sweep();
  }

  private void registerMetrics(Core core, Metrics metrics) {
    metrics.gauge("sidekick_ws_sessions", "Open WebSocket sessions.", context.webSockets::get);
    metrics.gauge("sidekick_token_sessions", "Sessions (WebSockets, parked long polls) holding a token.",
        () -> context.sessions.size());
    metrics.gauge("sidekick_requests_in_flight", "Requests being worked on.", context::inFlight);
    metrics.gauge("sidekick_worker_queue", "Requests waiting for a worker thread.", () -> workers.getQueue().size());
    metrics.source(() -> {
      List<Metrics.Sample> out = new ArrayList<>();
      for (MetricSample s : core.metrics()) {
        out.add(new Metrics.Sample(s.name(), s.help(), s.type().name().toLowerCase(java.util.Locale.ROOT),
            s.labels(), s.value()));
      }
      return out;
    });
  }

  private static SslContext sslContext(ServerConfig config) {
    try {
      return SslContextBuilder.forServer(config.tlsCert().toFile(), config.tlsKey().toFile()).build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot load the TLS certificate or key: " + e.getMessage(), e);
    }
  }
}
