package sidekick.core.events;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import sidekick.core.Event;
import sidekick.core.db.Database;

/**
 * Writes schema version 2's event log: {@code event_blocks (channel, first_seq, last_seq, data)}, key
 * {@code (channel, last_seq)}, each row an {@link EventBlock} of consecutive events of one channel,
 * compressed when that makes it smaller ({@link BlockCompressor}). Since version 3 the log is kept in
 * batches ({@link EventBatchTable}); this writer stays for the move of version 1's rows
 * ({@link LegacyEventRows}, whose blocks {@link LegacyEventBlocks} then moves and reads into batches) and
 * as the baseline of {@code EventLogBenchmark}.
 */
public final class EventBlockTable implements AutoCloseable {
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
}
