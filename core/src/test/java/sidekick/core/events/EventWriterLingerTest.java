package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;

/**
 * The writer's gathering window, configured a minute long here: it only ever delays commits nobody waits
 * for. An action waiting for the commit, a flush, a read from disk and a close each end it at once.
 */
class EventWriterLingerTest extends DatabaseTestBase {
  EventLog log;

  @Override
  protected void opened() {
    log = new EventLog(db, Clock.systemUTC(), 100, 10_000, 2, 100, Duration.ofMinutes(1));
  }

  @Override
  protected void closing() {
    log.close();
  }

  private long rowsOnDisk() {
    return db.read(s -> {
      try (ResultSet rs = s.query("SELECT COUNT(*) FROM event_batches")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void withNobodyWaitingEventsAreGatheredAndAWaiterEndsTheWindow() throws Exception {
    for (int i = 0; i < 5; i++) log.append("c", "roll", Map.of("i", i));
    Thread.sleep(200);
    assertThat(rowsOnDisk()).as("still gathering").isZero();
    assertThat(log.pendingWrites()).isEqualTo(5);
    CountDownLatch committed = new CountDownLatch(1);
    log.whenCommitted(committed::countDown);
    assertThat(committed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(rowsOnDisk()).as("the five appends in one block").isEqualTo(1);
  }

  @Test
  void aFlushAndAReadFromDiskEndTheWindow() {
    for (int i = 0; i < 5; i++) log.append("c", "roll", Map.of("i", i));
    long start = System.nanoTime();
    assertThat(log.read("c", 0, 100).events()).hasSize(5); // older than memory holds: read from disk
    log.append("c", "roll", Map.of("i", 5));
    log.flush();
    assertThat(log.pendingWrites()).isZero();
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
  }

  @Test
  void theSystemPropertyOverridesTheConfiguredWindowWithinBounds() {
    String before = System.getProperty(EventWriter.LINGER_PROPERTY);
    try {
      System.clearProperty(EventWriter.LINGER_PROPERTY);
      assertThat(EventWriter.lingerNanos(Duration.ofMillis(2))).isEqualTo(2_000_000);
      assertThat(EventWriter.lingerNanos(Duration.ZERO)).isZero();
      System.setProperty(EventWriter.LINGER_PROPERTY, "500");
      assertThat(EventWriter.lingerNanos(Duration.ofMillis(2))).isEqualTo(500_000);
      System.setProperty(EventWriter.LINGER_PROPERTY, "-5");
      assertThat(EventWriter.lingerNanos(Duration.ofMillis(2))).isZero();
      System.setProperty(EventWriter.LINGER_PROPERTY, "999999999999");
      assertThat(EventWriter.lingerNanos(Duration.ofMillis(2))).isEqualTo(EventWriter.MAX_LINGER_MICROS * 1_000);
    } finally {
      if (before == null) System.clearProperty(EventWriter.LINGER_PROPERTY);
      else System.setProperty(EventWriter.LINGER_PROPERTY, before);
    }
  }

  @Test
  void aCloseWritesWhatIsGathered() {
    for (int i = 0; i < 5; i++) log.append("c", "roll", Map.of("i", i));
    reopen();
    assertThat(log.head("c")).isEqualTo(5);
  }
}
