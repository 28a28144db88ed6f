package sidekick.core.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.Event;
import sidekick.core.db.Database;

/**
 * Moves the event log of schema version 1 (one row per event; renamed {@code events_v1} by migration
 * 2) into blocks, then drops that table. Runs when the event log opens, before anything reads or
 * appends: one channel per transaction (its rows become blocks and are deleted together), so a move cut
 * short by a crash resumes where it stopped, and no event is lost or doubled.
 */
final class LegacyEventRows {
  private static final Logger log = LoggerFactory.getLogger(LegacyEventRows.class);
  static final String TABLE = "events_v1";
  /** The longest event type a block can hold (its length is stored in two bytes); the real ones are short. */
  private static final int MAX_TYPE_CHARS = 0xFFFF / 3;

  private LegacyEventRows() {}

  /** Moves every old row into blocks; returns how many events were moved (0 when there were none). */
  static long moveIntoBlocks(Database db) {
    if (!db.read(LegacyEventRows::present)) return 0;
    List<String> channels = db.read(s -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.query("SELECT DISTINCT channel FROM " + TABLE)) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    });
    long moved = 0;
    try (EventBlockTable blocks = new EventBlockTable()) {
      for (String channel : channels) moved += db.write(s -> moveChannel(s, blocks, channel));
    }
    db.write(s -> s.update("DROP TABLE " + TABLE));
    log.info("moved {} events of {} channels from the row-per-event table into blocks", moved, channels.size());
    return moved;
  }

  private static boolean present(Database.Session s) throws SQLException {
    try (ResultSet rs = s.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", TABLE)) {
      return rs.next();
    }
  }

  private static long moveChannel(Database.Session s, EventBlockTable blocks, String channel) throws SQLException {
    List<Event> events = new ArrayList<>();
    try (ResultSet rs = s.query("SELECT seq, type, at, json FROM " + TABLE + " WHERE channel = ? ORDER BY seq",
        channel)) {
      while (rs.next()) {
        Event e = new Event(channel, rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
            rs.getString(4));
        if (e.type().length() > MAX_TYPE_CHARS) {
          log.error("event {} seq {} has a type of {} characters: not kept", channel, e.seq(), e.type().length());
        } else {
          events.add(e);
        }
      }
    }
    blocks.append(s, List.of(events));
    s.update("DELETE FROM " + TABLE + " WHERE channel = ?", channel);
    return events.size();
  }
}
