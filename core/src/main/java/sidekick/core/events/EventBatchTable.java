package sidekick.core.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.Event;
import sidekick.core.db.Database;

/**
 * The event log's tables since schema version 3 (every SQL statement on them is here):
 *
 * <ul>
 *   <li>{@code event_batches (id, data)}: one row per group commit (or per {@link EventBatch#MAX_BYTES}
 *       of it), all its channels' events compressed together ({@link EventBatch}). Ids grow, so a
 *       commit appends at the table's end: the pages it writes are new ones, whatever the channels.
 *   <li>{@code event_index (channel, last_seq, first_seq, batch, section_start, section_length)},
 *       key {@code (channel, last_seq)}: where each channel's run of a batch lies. Sections of a channel
 *       never overlap, so the events after seq N start in the first entry whose last seq is above N:
 *       one index seek. Its rows are small, so a commit's entries dirty far fewer bytes than blocks
 *       of their own did ({@link EventBlockTable}, schema version 2: a block per channel per commit,
 *       each in its own overflow page).
 * </ul>
 *
 * A batch row is deleted once no index entry points to it ({@link #prune}).
 */
public final class EventBatchTable implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventBatchTable.class);
  private static final String INSERT_BATCH = "INSERT INTO event_batches (id, data) VALUES (?, ?)";
  private static final String INSERT_INDEX = "INSERT OR IGNORE INTO event_index"
      + " (channel, last_seq, first_seq, batch, section_start, section_length) VALUES (?, ?, ?, ?, ?, ?)";

  private final EventBlock.Encoder encoder = new EventBlock.Encoder();
  private final EventBatch.Builder batch = new EventBatch.Builder();
  private final BlockCompressor compressor = new BlockCompressor();
  private final List<Object[]> batchRows = new ArrayList<>();
  private final List<Object[]> indexRows = new ArrayList<>();
  private long nextId;

  /**
   * Writes runs of events, in the caller's transaction: each run is one channel's events in seq order
   * (the ones a group commit holds). Not thread-safe (buffers reused): one per writer.
   */
  public void append(Database.Session s, List<List<Event>> runs) throws SQLException {
    batchRows.clear();
    indexRows.clear();
    batch.reset();
    nextId = lastId(s) + 1; // read in the transaction: the table's one writer may have been another instance
    for (List<Event> run : runs) {
      if (run.isEmpty()) continue;
      String channel = run.get(0).channel();
      encoder.reset();
      for (Event e : run) {
        if (encoder.full()) addSection(channel);
        encoder.add(e);
      }
      addSection(channel);
    }
    closeBatch();
    if (!batchRows.isEmpty()) {
      s.updateBatch(INSERT_BATCH, batchRows);
      s.updateBatch(INSERT_INDEX, indexRows);
    }
    batchRows.clear();
    indexRows.clear();
  }

  /**
   * Writes a stored block of schema version 2 ({@link EventBlockTable}) as a batch of its own, its
   * bytes unchanged (a damaged one stays as it was, reported when read), in the caller's transaction.
   */
  static void appendStoredBlock(Database.Session s, String channel, long firstSeq, long lastSeq, byte[] stored)
      throws SQLException {
    long id = lastId(s) + 1;
    s.update(INSERT_BATCH, id, stored);
    s.update(INSERT_INDEX, channel, lastSeq, firstSeq, id, 0, BlockCompressor.plainLength(stored));
  }

  private static long lastId(Database.Session s) throws SQLException {
    try (ResultSet rs = s.query("SELECT MAX(id) FROM event_batches")) {
      return rs.next() ? rs.getLong(1) : 0L;
    }
  }

  /** The encoder's block becomes a section of the batch; the encoder starts a new block. */
  private void addSection(String channel) {
    batch.add(channel, encoder);
    encoder.reset();
    if (batch.full()) closeBatch();
  }

  private void closeBatch() {
    if (batch.isEmpty()) return;
    long id = nextId++;
    batchRows.add(new Object[] {id, batch.toStored(compressor)});
    for (EventBatch.Section x : batch.sections()) {
      indexRows.add(new Object[] {x.channel(), x.lastSeq(), x.firstSeq(), id, x.start(), x.length()});
    }
    batch.reset();
  }

  /** Frees the compressor's native memory. */
  @Override
  public void close() {
    compressor.close();
  }

  /** The channel's newest seq on disk, 0 when it has none. */
  static long head(Database.Session s, String channel) throws SQLException {
    try (ResultSet rs = s.query("SELECT MAX(last_seq) FROM event_index WHERE channel = ?", channel)) {
      return rs.next() ? rs.getLong(1) : 0L;
    }
  }

  /**
   * Up to {@code limit} events of the channel after {@code after}, oldest first. A damaged batch or
   * index entry is logged and skipped (the section's readable events before the damage are kept): a
   * reader gets the rest of the feed, never an exception.
   */
  static List<Event> read(Database.Session s, String channel, long after, int limit) throws SQLException {
    List<Event> out = new ArrayList<>(Math.min(limit, EventBlock.MAX_EVENTS));
    long unpackedId = -1; // a channel's run longer than a block leaves several sections in one batch
    byte[] unpacked = null;
    // Every section holds at least one event: `limit` entries are always enough.
    try (ResultSet rs = s.query("SELECT i.first_seq, i.last_seq, i.batch, i.section_start, i.section_length, b.data"
        + " FROM event_index i LEFT JOIN event_batches b ON b.id = i.batch"
        + " WHERE i.channel = ? AND i.last_seq > ? ORDER BY i.last_seq LIMIT ?", channel, after, limit)) {
      while (out.size() < limit && rs.next()) {
        long first = rs.getLong(1);
        long last = rs.getLong(2);
        long id = rs.getLong(3);
        try {
          if (id != unpackedId) {
            unpacked = null;
            unpackedId = id;
            byte[] data = rs.getBytes(6);
            if (data == null) throw new EventBlock.CorruptBlockException("batch " + id + " is missing");
            unpacked = EventBlock.unpack(data);
          }
          if (unpacked == null) throw new EventBlock.CorruptBlockException("batch " + id + " is unreadable");
          int start = rs.getInt(4);
          EventBlock.decodeSection(channel, first, last, unpacked, start, start + rs.getInt(5), after, limit, out);
        } catch (EventBlock.CorruptBlockException e) {
          log.error("events of {} seq {}..{} in batch {} are damaged, their unreadable events are skipped: {}",
              channel, first, last, id, e.getMessage());
        }
        after = Math.max(after, last); // the next section starts after this one, damaged or not
      }
    }
    return out;
  }

  /**
   * Deletes the channel's index entries whose every event is at or below {@code keepAfter}, then the
   * batches no entry points to any more. A section holding that seq and newer ones stays whole, so up
   * to {@link EventBlock#MAX_EVENTS} - 1 events older than the retention may remain until the next
   * pruning after it. A batch stays while any of its channels keeps a section of it.
   */
  static void prune(Database.Session s, String channel, long keepAfter) throws SQLException {
    List<Long> batches = new ArrayList<>();
    try (ResultSet rs = s.query("SELECT DISTINCT batch FROM event_index WHERE channel = ? AND last_seq <= ?", channel,
        keepAfter)) {
      while (rs.next()) batches.add(rs.getLong(1));
    }
    if (batches.isEmpty()) return;
    s.update("DELETE FROM event_index WHERE channel = ? AND last_seq <= ?", channel, keepAfter);
    for (long id : batches) {
      s.update("DELETE FROM event_batches WHERE id = ? AND NOT EXISTS (SELECT 1 FROM event_index WHERE batch = ?)", id,
          id);
    }
  }
}
