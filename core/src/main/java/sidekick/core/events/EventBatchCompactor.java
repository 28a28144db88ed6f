package sidekick.core.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.db.Database;

/**
 * Rewrites the batches that pruning left mostly dead. A batch holds every channel of its commit, and
 * it stays while any of them keeps a section of it: without this, a quiet channel's retained events
 * would keep the busy channels' pruned events of the same commits on disk, unreadable, for as long as
 * it keeps them (with the default retention, for ever on a channel that rarely speaks). A batch whose
 * indexed sections hold less than {@code 1/liveShare} of its bytes is merged with the others such:
 * their live sections are copied, bytes unchanged, into as few batches as they fill, which take the
 * smallest of their ids, and their index rows follow. So every batch on disk is at least that share
 * alive, and the copying costs at most about {@code 1/(liveShare - 1)} more writing than the log's.
 *
 * <p>Only batches below a bound the caller gives are touched: those whose sections the writer still
 * holds in memory ({@link UnindexedSections}) keep their place. The new batches reuse old ids, so the
 * index's newest batch, which marks where the unindexed ones start, never moves up. Not thread-safe:
 * one per writer, in the writer's transaction.
 */
final class EventBatchCompactor {
  private static final Logger log = LoggerFactory.getLogger(EventBatchCompactor.class);
  /** A batch less alive than one part in this many is rewritten ({@link EventBatchTable#COMPACT_BELOW_SHARE}). */
  private final int liveShare;
  private final BlockCompressor compressor;
  private final EventBatch.Builder builder = new EventBatch.Builder();

  EventBatchCompactor(int liveShare, BlockCompressor compressor) {
    if (liveShare < 2) throw new IllegalArgumentException("liveShare must be at least 2");
    this.liveShare = liveShare;
    this.compressor = compressor;
  }

  /**
   * Rewrites those of {@code candidates} (a JSON array of batch ids that just lost index rows) that
   * are below {@code below} and less alive than the share; returns how many batches went away.
   */
  int compact(Database.Session s, String candidates, long below) throws SQLException {
    List<Long> sparse = sparseBatches(s, candidates, below);
    if (sparse.isEmpty()) return 0;
    Rewrite rewrite = new Rewrite(s);
    for (long id : sparse) rewrite.take(id, liveSections(s, id));
    rewrite.finish();
    if (log.isDebugEnabled()) {
      log.debug("compacted {} event batches into {} ({} sections)", rewrite.taken.size(), rewrite.written,
          rewrite.moved);
    }
    return rewrite.taken.size() - rewrite.written;
  }

  /** The candidates below {@code below}, still in use, whose live sections are under the share of them. */
  private List<Long> sparseBatches(Database.Session s, String candidates, long below) throws SQLException {
    List<Long> out = new ArrayList<>();
    // the plain length is in a compressed batch's header (its first bytes), else the blob's length
    try (ResultSet rs = s.query("SELECT i.batch, SUM(i.section_length), substr(b.data, 1, ?), length(b.data)"
        + " FROM event_index i JOIN event_batches b ON b.id = i.batch"
        + " WHERE i.batch IN (SELECT value FROM json_each(?)) AND i.batch < ?"
        + " GROUP BY i.batch ORDER BY i.batch", BlockCompressor.HEADER, candidates, below)) {
      while (rs.next()) {
        long live = rs.getLong(2);
        byte[] head = rs.getBytes(3);
        long plain = head != null && head.length == BlockCompressor.HEADER && head[0] == EventBlock.FORMAT_ZSTD
            ? (int) EventBlock.INT.get(head, 1) : rs.getLong(4);
        if (live * liveShare < plain) out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private static List<EventBatch.Placed> liveSections(Database.Session s, long id) throws SQLException {
    List<EventBatch.Placed> out = new ArrayList<>();
    try (ResultSet rs = s.query("SELECT channel, first_seq, last_seq, section_start, section_length FROM event_index"
        + " WHERE batch = ? ORDER BY section_start", id)) {
      while (rs.next()) {
        out.add(new EventBatch.Placed(id,
            new EventBatch.Section(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5))));
      }
    }
    return out;
  }

  private static byte[] plainBatch(Database.Session s, long id) throws SQLException, EventBlock.CorruptBlockException {
    try (ResultSet rs = s.query("SELECT data FROM event_batches WHERE id = ?", id)) {
      if (!rs.next()) throw new EventBlock.CorruptBlockException("batch " + id + " is missing");
      return EventBlock.unpack(rs.getBytes(1));
    }
  }

  /**
   * One compaction: batches taken one at a time (one plain batch in memory), their sections copied into
   * the builder, each full batch written under the smallest id taken and not yet reused. A batch fills
   * at {@link EventBatch#MAX_BYTES} and each taken one brings a small share of that, so a new batch
   * needs several taken ones and an id is nearly always free; when none is (a taken batch far larger
   * than the rest), the new batch grows past the size instead.
   */
  private final class Rewrite {
    final Database.Session s;
    final List<Long> taken = new ArrayList<>();
    int written;
    int moved;
    final List<Object[]> indexRows = new ArrayList<>();

    Rewrite(Database.Session s) {
      this.s = s;
      builder.reset();
    }

    void take(long id, List<EventBatch.Placed> sections) throws SQLException {
      byte[] plain;
      try {
        plain = plainBatch(s, id);
        for (EventBatch.Placed p : sections) {
          EventBatch.Section x = p.section();
          if (x.start() < 0 || x.length() < 1 || x.start() > plain.length - x.length()) {
            throw new EventBlock.CorruptBlockException("section " + x.start() + "+" + x.length() + " outside it");
          }
        }
      } catch (EventBlock.CorruptBlockException e) {
        // left as it is: its readers report the damage, and nothing readable is lost by a copy
        log.warn("event batch {} is not compacted: {}", id, e.getMessage());
        return;
      }
      taken.add(id);
      for (EventBatch.Placed p : sections) {
        // the newest id taken stays free for the last batch (finish); without a free id the batch grows
        if (builder.full() && written + 1 < taken.size()) write();
        EventBatch.Section x = p.section();
        builder.addSection(x.channel(), x.firstSeq(), x.lastSeq(), plain, x.start(), x.length());
      }
    }

    /** Writes the builder's batch under the next free id taken, and moves its sections' index rows there. */
    void write() throws SQLException {
      if (builder.isEmpty()) return;
      if (written >= taken.size()) throw new IllegalStateException("compaction ran out of batch ids");
      long id = taken.get(written++);
      List<EventBatch.Section> sections = new ArrayList<>(builder.sections());
      byte[] stored = builder.toStored(compressor);
      s.update("UPDATE event_batches SET data = ? WHERE id = ?", stored, id);
      for (EventBatch.Section x : sections) {
        indexRows.add(new Object[] {id, x.start(), x.channel(), x.lastSeq()});
      }
      moved += sections.size();
      builder.reset();
    }

    /** The last batch, the index rows, and the taken batches no new one reused. */
    void finish() throws SQLException {
      write();
      if (!indexRows.isEmpty()) {
        s.updateBatch("UPDATE event_index SET batch = ?, section_start = ? WHERE channel = ? AND last_seq = ?", indexRows);
      }
      if (written < taken.size()) {
        StringBuilder unused = new StringBuilder("[");
        for (int i = written; i < taken.size(); i++) unused.append(i > written ? "," : "").append(taken.get(i));
        s.update("DELETE FROM event_batches WHERE id IN (SELECT value FROM json_each(?))", unused.append(']').toString());
      }
    }
  }
}
