package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sidekick.core.Event;
import sidekick.core.EventPage;
import sidekick.core.db.Database;
import sidekick.core.db.Schema;

/** A database written at schema version 1 (one row per event) keeps its whole event history. */
class LegacyEventRowsTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("sidekick.db");
  }

  /** The events of version 1, as its writer stored them. */
  private List<Event> writeVersion1(Map<String, Integer> eventsPerChannel) {
    List<Event> written = new ArrayList<>();
    try (Database v1 = Database.open(file(), Schema.MIGRATIONS.subList(0, 1))) {
      v1.write(s -> {
        List<Object[]> rows = new ArrayList<>();
        eventsPerChannel.forEach((channel, n) -> {
          for (long seq = 1; seq <= n; seq++) {
            Instant at = Instant.ofEpochMilli(1_795_000_000_000L + seq);
            String json = "{\"seq\":" + seq + ",\"type\":\"roll\",\"at\":\"" + at + "\",\"channel\":\"" + channel
                + "\",\"total\":" + (seq % 20) + ",\"text\":\"é 🎲\"}";
            written.add(new Event(channel, seq, "roll", at, json));
            rows.add(new Object[] {channel, seq, "roll", at.toEpochMilli(), json});
          }
        });
        s.updateBatch("INSERT INTO events (channel, seq, type, at, json) VALUES (?, ?, ?, ?, ?)", rows);
        return null;
      });
    }
    return written;
  }

  private static List<Event> readAll(EventLog log, String channel) {
    List<Event> out = new ArrayList<>();
    long after = 0;
    while (true) {
      EventPage page = log.read(channel, after, 100);
      if (page.events().isEmpty()) return out;
      out.addAll(page.events());
      after = page.next();
    }
  }

  private static boolean tableExists(Database db, String name) {
    return db.read(s -> {
      try (ResultSet rs = s.query("SELECT 1 FROM sqlite_master WHERE name = ?", name)) {
        return rs.next();
      }
    });
  }

  private static long count(Database db, String sql) {
    return db.read(s -> {
      try (ResultSet rs = s.query(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void oldRowsBecomeBlocksWithEveryEventAndTheSeqGoesOn() {
    List<Event> written = writeVersion1(Map.of("old", 600, "other", 3));
    try (Database db = Database.open(file(), Schema.MIGRATIONS)) {
      assertThat(tableExists(db, LegacyEventRows.TABLE)).isTrue(); // migration 2 keeps the rows aside
      try (EventLog log = new EventLog(db, Clock.systemUTC(), 100, 10_000, 2, 100)) {
        assertThat(tableExists(db, LegacyEventRows.TABLE)).isFalse();
        assertThat(readAll(log, "old")).isEqualTo(written.stream().filter(e -> e.channel().equals("old")).toList());
        assertThat(readAll(log, "other")).extracting(Event::seq).containsExactly(1L, 2L, 3L);
        // 600 events in blocks of at most 256, 3 in one; then moved on into batches (schema version 3)
        assertThat(count(db, "SELECT COUNT(*) FROM event_index")).isEqualTo(4);
        assertThat(count(db, "SELECT COUNT(*) FROM event_blocks")).isZero();
        assertThat(log.append("old", "roll", Map.of()).seq()).isEqualTo(601);
      }
    }
    // Opening again moves nothing twice.
    try (Database db = Database.open(file(), Schema.MIGRATIONS);
        EventLog log = new EventLog(db, Clock.systemUTC(), 100, 10_000, 2, 100)) {
      assertThat(readAll(log, "old")).extracting(Event::seq).hasSize(601).doesNotHaveDuplicates();
    }
  }

  @Test
  void aMoveCutShortResumesWithTheChannelsLeft() {
    writeVersion1(Map.of("a", 5, "b", 7));
    try (Database db = Database.open(file(), Schema.MIGRATIONS)) {
      // As if the move had stopped after channel a's transaction.
      db.write(s -> {
        List<Event> a = new ArrayList<>();
        try (ResultSet rs = s.query("SELECT seq, type, at, json FROM events_v1 WHERE channel = 'a' ORDER BY seq")) {
          while (rs.next()) {
            a.add(new Event("a", rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
          }
        }
        try (EventBlockTable blocks = new EventBlockTable()) {
          blocks.append(s, List.of(a));
        }
        return s.update("DELETE FROM events_v1 WHERE channel = 'a'");
      });
      try (EventLog log = new EventLog(db, Clock.systemUTC(), 100, 10_000, 2, 100)) {
        assertThat(readAll(log, "a")).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(readAll(log, "b")).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
      }
    }
  }

  @Test
  void aFreshDatabaseHasNothingToMove() {
    try (Database db = Database.open(file(), Schema.MIGRATIONS)) {
      assertThat(tableExists(db, LegacyEventRows.TABLE)).isTrue(); // version 1's empty table, renamed
      assertThat(LegacyEventRows.moveIntoBlocks(db)).isZero();
      assertThat(tableExists(db, LegacyEventRows.TABLE)).isFalse();
      assertThat(LegacyEventRows.moveIntoBlocks(db)).isZero();
    }
  }
}
