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
 * The event log's table, {@code event_blocks (channel, first_seq, last_seq, data)} with the key
 * {@code (channel, last_seq)}: each row is an {@link EventBlock} of consecutive events of one channel
 * (a group commit's events of that channel, cut at the block limits). Blocks of a channel never overlap,
 * so the events after seq N start in the first block whose last seq is above N: one index seek. Every
 * SQL statement on the table is here. Blocks are written compressed when that makes them smaller
 * ({@link BlockCompressor}); readers take both forms.
 */
public final class EventBlockTable implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventBlockTable.class);
  private static final String INSERT =
      "INSERT OR IGNORE INTO event_blocks (channel, first_seq, last_seq, data) VALUES (?, ?, ?, ?)";

  private final EventBlock.Encoder encoder = new EventBlock.Encoder();
  private final BlockCompressor compressor;
  private final List<Object[]> rows = new ArrayList<>();

  /** A table whose new blocks are stored compressed when that makes them smaller. */
  public EventBlockTable() {
    this(true);
  }

  /**
   * {@code compress} false writes every block plain, as versions before compression did (a baseline
   * for measurements and tests; readers take both forms either way).
   */
  public EventBlockTable(boolean compress) {
    this.compressor = compress ? new BlockCompressor() : null;
  }

  /**
   * Writes runs of events as blocks, in the caller's transaction: each run is one channel's events in
   * seq order (the ones a group commit holds). Not thread-safe (one buffer reused): one per writer.
   */
  public void append(Database.Session s, List<List<Event>> runs) throws SQLException {
    rows.clear();
    for (List<Event> run : runs) {
      if (run.isEmpty()) continue;
      String channel = run.get(0).channel();
      encoder.reset();
      for (Event e : run) {
        if (encoder.full()) {
          rows.add(row(channel));
          encoder.reset();
        }
        encoder.add(e);
      }
      rows.add(row(channel));
    }
    if (!rows.isEmpty()) s.updateBatch(INSERT, rows);
    rows.clear();
  }

  private Object[] row(String channel) {
    return new Object[] {channel, encoder.firstSeq(), encoder.lastSeq(),
        compressor == null ? encoder.toBytes() : encoder.toStored(compressor)};
  }

  /** Frees the compressor's native memory. */
  @Override
  public void close() {
    if (compressor != null) compressor.close();
  }

  /** The channel's newest seq on disk, 0 when it has none. */
  static long head(Database.Session s, String channel) throws SQLException {
    try (ResultSet rs = s.query("SELECT MAX(last_seq) FROM event_blocks WHERE channel = ?", channel)) {
      return rs.next() ? rs.getLong(1) : 0L;
    }
  }

  /**
   * Up to {@code limit} events of the channel after {@code after}, oldest first. A damaged block is
   * logged and skipped (its readable events before the damage are kept): a reader gets the rest of
   * the feed, never an exception.
   */
  static List<Event> read(Database.Session s, String channel, long after, int limit) throws SQLException {
    List<Event> out = new ArrayList<>(Math.min(limit, EventBlock.MAX_EVENTS));
    // Every block holds at least one event: `limit` blocks are always enough.
    try (ResultSet rs = s.query("SELECT first_seq, last_seq, data FROM event_blocks"
        + " WHERE channel = ? AND last_seq > ? ORDER BY last_seq LIMIT ?", channel, after, limit)) {
      while (out.size() < limit && rs.next()) {
        long first = rs.getLong(1);
        long last = rs.getLong(2);
        try {
          EventBlock.decode(channel, first, last, rs.getBytes(3), after, limit, out);
        } catch (EventBlock.CorruptBlockException e) {
          log.error("event block {} seq {}..{} is damaged, its unreadable events are skipped: {}", channel, first,
              last, e.getMessage());
        }
        after = Math.max(after, last); // the next block starts after this one, damaged or not
      }
    }
    return out;
  }

  /**
   * Deletes the channel's blocks whose every event is at or below {@code keepAfter}. A block holding
   * that seq and newer ones stays whole, so up to {@link EventBlock#MAX_EVENTS} - 1 events older
   * than the retention may remain until the next pruning after it.
   */
  static void prune(Database.Session s, String channel, long keepAfter) throws SQLException {
    s.update("DELETE FROM event_blocks WHERE channel = ? AND last_seq <= ?", channel, keepAfter);
  }
}
