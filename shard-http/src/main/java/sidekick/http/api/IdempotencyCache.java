package sidekick.http.api;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Remembers the answers of state-changing requests by (token, idempotency key) for a while, so a
 * client that retries after a lost connection gets the first answer instead of a second execution.
 * A retry arriving while the first is still running waits for it. Failures that did not execute
 * (429) or may be transient (5xx) are forgotten so a retry runs again. Bounded in count and age.
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
    CompletableFuture<ApiResult> mine = new CompletableFuture<>();
    CompletableFuture<ApiResult> existing;
    synchronized (entries) {
      long now = clock.getAsLong();
      evict(now);
      Entry e = entries.get(key);
      existing = e == null ? null : e.result;
      if (existing == null) entries.put(key, new Entry(mine, now + ttlNanos));
    }
    if (existing != null) return await(existing);
    try {
      ApiResult result = work.get();
      mine.complete(result);
      return result;
    } catch (ApiException e) {
      if (e.status() == 429 || e.status() >= 500) forget(key, mine);
      mine.completeExceptionally(e);
      throw e;
    } catch (RuntimeException | Error e) {
      forget(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
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

  private static ApiResult await(CompletableFuture<ApiResult> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  private record Entry(CompletableFuture<ApiResult> result, long expiresAt) {}
}
