package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;
import sidekick.core.Event;
import sidekick.core.Subscription;

/** The bounded map of channel feeds, and actions waiting for the commit of events. */
class EventFeedMemoryTest extends DatabaseTestBase {
  static final int MAX_FEEDS = 20;
  EventLog log;

  @Override
  protected void opened() {
    log = new EventLog(db, Clock.systemUTC(), 100, 1_000, 8, MAX_FEEDS);
  }

  @Override
  protected void closing() {
    log.close();
  }

  @Test
  void idleFeedsAreDroppedAndTheirSeqContinuesFromDisk() {
    for (int i = 0; i < 3; i++) log.append("first", "roll", Map.of("n", i));
    log.flush();
    for (int c = 0; c < 5 * MAX_FEEDS; c++) {
      log.append("ch" + c, "roll", Map.of("n", c));
      log.flush(); // committed, so idle feeds may go
    }
    assertThat(log.feedsInMemory()).isLessThanOrEqualTo(MAX_FEEDS);
    Event next = log.append("first", "roll", Map.of("n", 3));
    assertThat(next.seq()).isEqualTo(4);
    assertThat(log.read("first", 0, 100).events()).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L);
  }

  /** Appending waits for nothing only while the channel's head is in memory (else it is read from disk). */
  @Test
  void appendsGoWithoutWaitingOnlyOnAFeedWhoseHeadIsKnown() {
    assertThat(log.appendsWithoutWaiting("first", 2)).isFalse(); // never used: its head is on disk
    log.append("first", "roll", Map.of("n", 0));
    assertThat(log.appendsWithoutWaiting("first", 2)).isTrue();
    log.flush();
    for (int c = 0; c < 5 * MAX_FEEDS; c++) {
      log.append("ch" + c, "roll", Map.of("n", c));
      log.flush();
    }
    assertThat(log.appendsWithoutWaiting("first", 2)).isFalse(); // dropped while idle
    log.append("first", "roll", Map.of("n", 1));
    assertThat(log.appendsWithoutWaiting("first", 2)).isTrue();
  }

  @Test
  void aFeedWithSubscribersOrUncommittedEventsIsKept() throws Exception {
    List<Event> seen = new CopyOnWriteArrayList<>();
    Subscription sub = log.subscribe("watched", 0, seen::add);
    log.append("watched", "roll", Map.of("n", 0));
    log.flush();
    for (int c = 0; c < 5 * MAX_FEEDS; c++) {
      log.append("ch" + c, "roll", Map.of("n", c));
      log.flush();
    }
    log.append("watched", "roll", Map.of("n", 1));
    assertThat(seen).extracting(Event::seq).containsExactly(1L, 2L);
    sub.close();
  }

  @Test
  void manyChannelsAtOnceNeverRepeatASeq() throws Exception {
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 400; i++) log.append("ch" + (i % (3 * MAX_FEEDS)), "roll", Map.of("i", i));
      });
      threads[t].start();
    }
    for (Thread t : threads) t.join(30_000);
    log.flush();
    for (int c = 0; c < 3 * MAX_FEEDS; c++) {
      List<Long> seqs = log.read("ch" + c, 0, 100).events().stream().map(Event::seq).toList();
      assertThat(seqs).doesNotHaveDuplicates();
      assertThat(seqs).hasSize(seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1).intValue());
    }
  }

  @Test
  void anActionWaitingForTheCommitSeesTheEventsOnDisk() throws Exception {
    log.append("c", "roll", Map.of("n", 1));
    Event last = log.append("c", "reply", Map.of("reply", "hi"));
    CountDownLatch ran = new CountDownLatch(1);
    long[] onDisk = {-1};
    log.whenCommitted(() -> {
      onDisk[0] = db.read(s -> {
        return EventBatchTable.headOnDisk(s, "c");
      });
      ran.countDown();
    });
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(onDisk[0]).isEqualTo(last.seq());
    assertThat(log.pendingWrites()).isZero();
  }

  @Test
  void anActionAfterEverythingIsCommittedRunsAtOnce() {
    log.append("c", "roll", Map.of("n", 1));
    log.flush();
    boolean[] ran = {false};
    log.whenCommitted(() -> ran[0] = true);
    assertThat(ran[0]).isTrue();
  }
}
