package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;
import sidekick.core.Event;

/**
 * The writer's lock-free hand-over under threads that submit at once, as event loops do: every
 * ticket is counted once, a thread's tickets grow, an action waiting for a ticket runs only once
 * every event up to it is on disk, and every event ends up on disk in its channel's order.
 */
class EventWriterHandoverTest extends DatabaseTestBase {
  private static final int THREADS = 8;
  private static final int SUBMITS = 10_000;

  @Override
  protected void opened() {}

  @Test
  void concurrentSubmitsAreCountedOnceAndCommittedBeforeTheirWaiters() throws Exception {
    Map<String, AtomicLong> onDisk = new ConcurrentHashMap<>();
    EventWriter writer = new EventWriter(db, 1_000_000, 200_000,
        (channel, seq) -> onDisk.computeIfAbsent(channel, c -> new AtomicLong()).accumulateAndGet(seq, Math::max));
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    CountDownLatch actions = new CountDownLatch(THREADS * SUBMITS);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Long>> events = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        String channel = "c" + t;
        events.add(pool.submit(() -> {
          start.await();
          long seq = 0;
          long previousTicket = 0;
          for (int i = 0; i < SUBMITS; i++) {
            List<Event> batch = new ArrayList<>();
            for (int k = 0, n = 1 + i % 3; k < n; k++) {
              seq++;
              batch.add(new Event(channel, seq, "roll", Instant.ofEpochMilli(seq), "{\"seq\":" + seq + "}"));
            }
            long ticket = writer.submit(batch);
            if (ticket <= previousTicket) wrong.add(channel + ": ticket " + ticket + " after " + previousTicket);
            previousTicket = ticket;
            long last = seq;
            writer.whenCommitted(ticket, () -> {
              AtomicLong disk = onDisk.get(channel);
              if (disk == null || disk.get() < last) wrong.add(channel + ": action for seq " + last + " ran first");
              actions.countDown();
            });
          }
          return seq;
        }));
      }
      start.countDown();
      long total = 0;
      for (Future<Long> f : events) total += f.get(60, TimeUnit.SECONDS);
      assertThat(actions.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(wrong).isEmpty();
      assertThat(writer.ticketNow()).isEqualTo(total);
      writer.flush();
      assertThat(writer.pending()).isZero();
      for (int t = 0; t < THREADS; t++) {
        String channel = "c" + t;
        List<Event> read = db.read(s -> writer.table().read(s, channel, 0, Integer.MAX_VALUE));
        assertThat(read).extracting(Event::seq).isEqualTo(range(events.get(t).get()));
      }
    } finally {
      pool.shutdownNow();
      writer.close();
    }
  }

  private static List<Long> range(long last) {
    List<Long> out = new ArrayList<>();
    for (long s = 1; s <= last; s++) out.add(s);
    return out;
  }
}
