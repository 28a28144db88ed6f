package sidekick.http.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests of one WebSocket in flight, within the per-socket limit
 * ({@link ServerConfig#maxInFlightPerSocket}). A slot is taken on the event loop when a request is
 * admitted and given back exactly once when it is answered or failed, on whichever thread that
 * happens (a worker, the plug worker that ran a command's plugs, the event writer), also when the
 * socket closed meanwhile. A slot also counts its request in the server's in flight, so a graceful
 * shutdown waits for it.
 */
final class InFlightRequests {
  private final AtomicInteger count = new AtomicInteger();
  private final int max;
  private final ServerContext server;

  InFlightRequests(int max, ServerContext server) {
    this.max = max;
    this.server = server;
  }

  /** A slot, or null when {@link #max()} requests are in flight already (answer 429). */
  Slot tryTake() {
    while (true) {
      int n = count.get();
      if (n >= max) return null;
      if (count.compareAndSet(n, n + 1)) break;
    }
    server.enter();
    return new Slot();
  }

  int max() {
    return max;
  }

  /** One request's place; {@link #giveBack} counts once however often it is called. */
  final class Slot {
    private final AtomicBoolean given = new AtomicBoolean();

    void giveBack() {
      if (!given.compareAndSet(false, true)) return;
      count.decrementAndGet();
      server.leave();
    }
  }
}
