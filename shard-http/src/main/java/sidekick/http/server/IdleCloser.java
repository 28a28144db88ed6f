package sidekick.http.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection on which nothing was read or written for the idle timeout (between that and a
 * quarter more). Reads and writes only bump a counter; a timer looks at it every quarter of the
 * timeout. Netty's {@code IdleStateHandler} did the same job for a few hundred nanoseconds per
 * request: it read the clock at every read and write and put a listener on every write's promise.
 */
final class IdleCloser extends ChannelDuplexHandler {
  /** Looks per timeout: a connection is closed after this many looks in a row saw it idle. */
  static final int CHECKS_PER_TIMEOUT = 4;

  private final long checkNanos;
  /** Reads and writes so far, and at the last look (the event loop's own: no synchronization). */
  private long activity;
  private long seen;
  private int quietChecks;
  private ScheduledFuture<?> timer;

  IdleCloser(Duration timeout) {
    this.checkNanos = Math.max(1, timeout.toNanos() / CHECKS_PER_TIMEOUT);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive() && ctx.channel().isRegistered()) start(ctx);
  }

  @Override
  public void channelRegistered(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().isActive()) start(ctx);
    super.channelRegistered(ctx);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    activity++;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    activity++;
    ctx.write(msg, promise);
  }

  private void start(ChannelHandlerContext ctx) {
    if (timer != null) return;
    schedule(ctx);
  }

  private void schedule(ChannelHandlerContext ctx) {
    timer = ctx.executor().schedule(() -> look(ctx), checkNanos, TimeUnit.NANOSECONDS);
  }

  private void look(ChannelHandlerContext ctx) {
    if (timer == null || !ctx.channel().isOpen()) return; // stopped
    if (activity != seen) {
      seen = activity;
      quietChecks = 0;
    } else if (++quietChecks >= CHECKS_PER_TIMEOUT) {
      timer = null;
      ctx.close();
      return;
    }
    schedule(ctx);
  }

  private void stop() {
    if (timer == null) return;
    timer.cancel(false);
    timer = null;
  }
}
