package sidekick.http.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty transport the server runs on. Linux's native epoll (Netty's own JNI library, shipped in
 * the jar for x86_64 and aarch64) costs less per request than the JDK's NIO selector: no selected-key
 * set, no selector locks, edge-triggered events; NIO is the fallback wherever the library does not
 * load. The system property {@value #PROPERTY} ({@code auto}, {@code epoll} or {@code nio}) chooses;
 * the benchmark's hello-world ceiling uses the same choice, so the comparison stays fair.
 */
public enum Transport {
  NIO,
  EPOLL;

  public static final String PROPERTY = "sidekick.transport";

  /** The transport the property asks for; {@code auto} (the default) is epoll where it loads. */
  public static Transport configured() {
    String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    return switch (wanted) {
      case "auto" -> Epoll.isAvailable() ? EPOLL : NIO;
      case "nio" -> NIO;
      case "epoll" -> {
        Epoll.ensureAvailability(); // a clear error when asked for and missing
        yield EPOLL;
      }
      default -> throw new IllegalArgumentException(
          "-D" + PROPERTY + " must be auto, epoll or nio, not " + wanted);
    };
  }

  public EventLoopGroup group(int threads, ThreadFactory threadFactory) {
    return this == EPOLL ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
  }

  public Class<? extends ServerChannel> serverChannel() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
