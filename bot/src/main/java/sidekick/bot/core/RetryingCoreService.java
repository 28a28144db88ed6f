package sidekick.bot.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries calls that failed because the core was unreachable, with the backoff of a {@link
 * RetryPolicy}. Refusals ({@link CoreRejectedException}) are passed on at once. Status reports are
 * not retried: the next periodic report replaces a lost one.
 */
public final class RetryingCoreService implements CoreService {
  private static final Logger log = LoggerFactory.getLogger(RetryingCoreService.class);

  private final CoreService delegate;
  private final RetryPolicy policy;
  private final ScheduledExecutorService timer;

  public RetryingCoreService(CoreService delegate, RetryPolicy policy, ScheduledExecutorService timer) {
    this.delegate = delegate;
    this.policy = policy;
    this.timer = timer;
  }

  @Override
  public CompletableFuture<CoreReply> command(CoreCommand command) {
    return withRetry("command", () -> delegate.command(command));
  }

  @Override
  public CompletableFuture<PlugInfo> putPlug(String channel, String name, String user, byte[] wasm) {
    return withRetry("plug.put", () -> delegate.putPlug(channel, name, user, wasm));
  }

  @Override
  public CompletableFuture<List<PlugInfo>> listPlugs(String channel) {
    return withRetry("plug.list", () -> delegate.listPlugs(channel));
  }

  @Override
  public CompletableFuture<Void> removePlug(String channel, String name) {
    return withRetry("plug.rm", () -> delegate.removePlug(channel, name));
  }

  @Override
  public CompletableFuture<Distribution> stats(String expr) {
    return withRetry("stats", () -> delegate.stats(expr));
  }

  @Override
  public CompletableFuture<Void> reportStatus(ShardStatus status) {
    return delegate.reportStatus(status);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private <T> CompletableFuture<T> withRetry(String what, Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(what, call, result, 0, System.nanoTime() + policy.budget().toNanos());
    return result;
  }

  private <T> void attempt(
      String what, Supplier<CompletableFuture<T>> call, CompletableFuture<T> result, int retries, long deadline) {
    CompletableFuture<T> once;
    try {
      once = call.get();
    } catch (RuntimeException e) {
      once = CompletableFuture.failedFuture(e);
    }
    once.whenComplete(
        (value, error) -> {
          if (error == null) {
            result.complete(value);
            return;
          }
          Throwable cause = unwrap(error);
          if (!(cause instanceof CoreUnavailableException unavailable)) {
            result.completeExceptionally(cause);
            return;
          }
          Duration wait = policy.delay(retries + 1);
          if (unavailable.retryAfter() != null && unavailable.retryAfter().compareTo(wait) > 0) {
            wait = unavailable.retryAfter();
          }
          if (System.nanoTime() + wait.toNanos() > deadline) {
            log.warn("core unreachable, giving up {} after {} retries: {}", what, retries, cause.getMessage());
            result.completeExceptionally(cause);
            return;
          }
          log.debug("core unreachable ({}), retrying {} in {} ms", cause.getMessage(), what, wait.toMillis());
          timer.schedule(() -> attempt(what, call, result, retries + 1, deadline), wait.toMillis(), TimeUnit.MILLISECONDS);
        });
  }

  /** The real failure inside CompletableFuture wrappers. */
  public static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
    return t;
  }
}
