package sidekick.http.api;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import sidekick.core.util.Futures;

/**
 * Remembers the answers of state-changing requests by (token, idempotency key) for a while, so a
 * client that retries after a lost connection gets the first answer instead of a second execution.
 * A retry arriving while the first is still running gets its answer when it comes. Failures that
 * did not execute (429) or may be transient (5xx) are forgotten so a retry runs again. Bounded in
 * count and age.
 */
public final class IdempotencyCache {
  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier clock;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  public IdempotencyCache(Duration ttl, int maxEntries) {
    this(ttl, maxEntries, System::nanoTime);
  }

  IdempotencyCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.clock = nanoClock;
  }

  /** Runs {@code work} once per key within the time to live; later calls get the same outcome. */
  public ApiResult once(String key, Supplier<ApiResult> work) {
    return Futures.join(onceAsync(key, () -> CompletableFuture.completedFuture(work.get())));
  }

  /**
   * As {@link #once}, for work that answers later on another thread (a command whose plugs run on
   * plug workers): nobody waits. The first call of a key starts {@code work}; a repeat gets the
   * first call's answer, completed when that one is (at once if it is). A failure thrown by
   * {@code work} completes the answer exceptionally too.
   */
  public CompletableFuture<ApiResult> onceAsync(String key, Supplier<CompletableFuture<ApiResult>> work) {
    CompletableFuture<ApiResult> mine = new CompletableFuture<>();
    CompletableFuture<ApiResult> existing;
    synchronized (entries) {
      long now = clock.getAsLong();
      evict(now);
      Entry e = entries.get(key);
      existing = e == null ? null : e.result;
      if (existing == null) entries.put(key, new Entry(mine, now + ttlNanos));
    }
    if (existing != null) return existing;
    CompletableFuture<ApiResult> started;
    try {
      started = work.get();
    } catch (RuntimeException | Error e) {
      started = CompletableFuture.failedFuture(e);
    }
    started.whenComplete((result, error) -> {
      if (error == null) {
        mine.complete(result);
        return;
      }
      Throwable cause = Futures.cause(error);
      // a refusal that did not execute (429) or may be transient (5xx, a bug) may be tried again
      if (!(cause instanceof ApiException a) || a.status() == 429 || a.status() >= 500) forget(key, mine);
      mine.completeExceptionally(cause);
    });
    return mine;
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private void forget(String key, CompletableFuture<ApiResult> mine) {
    synchronized (entries) {
      Entry e = entries.get(key);
      if (e != null && e.result == mine) entries.remove(key);
    }
  }

  /** Entries are in insertion order, which is also expiry order. */
  private void evict(long now) {
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Entry e = it.next().getValue();
      if (e.expiresAt - now > 0 && entries.size() < maxEntries) break;
      it.remove();
    }
  }

  private record Entry(CompletableFuture<ApiResult> result, long expiresAt) {}
}
