package sidekick.core.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.db.Database;

/**
 * Moves the event log of schema version 2 (a block per channel per commit, {@link EventBlockTable})
 * into batches ({@link EventBatchTable}): each block becomes a batch of one section, its bytes
 * unchanged (no decoding, and a damaged block keeps its seqs and is reported when read, as before).
 * Runs when the event log opens, before anything reads or appends: one channel per transaction (its
 * blocks are copied and deleted together), so a move cut short by a crash resumes where it stopped,
 * and no event is lost or doubled. The emptied table stays (schema version 3 keeps it).
 */
final class LegacyEventBlocks {
  private static final Logger log = LoggerFactory.getLogger(LegacyEventBlocks.class);

  private LegacyEventBlocks() {}

  /** Moves every old block into batches; returns how many blocks were moved (0 when there were none). */
  static long moveIntoBatches(Database db) {
    List<String> channels = db.read(s -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.query("SELECT DISTINCT channel FROM event_blocks")) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    });
    if (channels.isEmpty()) return 0;
    db.write(s -> {
      EventBatchTable.indexUnindexedOnDisk(s);
      return null;
    });
    long moved = 0;
    for (String channel : channels) moved += db.write(s -> moveChannel(s, channel));
    log.info("moved {} event blocks of {} channels into batches", moved, channels.size());
    return moved;
  }

  private static long moveChannel(Database.Session s, String channel) throws SQLException {
    record Block(long first, long last, byte[] data) {}
    List<Block> blocks = new ArrayList<>();
    try (ResultSet rs = s.query("SELECT first_seq, last_seq, data FROM event_blocks WHERE channel = ? ORDER BY last_seq",
        channel)) {
      while (rs.next()) blocks.add(new Block(rs.getLong(1), rs.getLong(2), rs.getBytes(3)));
    }
    for (Block b : blocks) EventBatchTable.appendStoredBlock(s, channel, b.first, b.last, b.data);
    s.update("DELETE FROM event_blocks WHERE channel = ?", channel);
    return blocks.size();
  }
}
