package sidekick.store.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.store.CompactReport;
import sidekick.store.blob.BlobRow;
import sidekick.store.blob.BlobStore;
import sidekick.store.blob.BlobTable;
import sidekick.store.codec.Codec;
import sidekick.store.codec.Encoded;
import sidekick.store.codec.Sketch;
import sidekick.store.db.Database;

/**
 * Recompresses blobs at the high level, each in its own transaction: the smallest of plain,
 * dictionary and deltas against similar bases (a blob others depend on stays whole). A new encoding
 * is kept only when smaller and only if the row did not change meanwhile.
 */
public final class Compactor {
  private static final Logger log = LoggerFactory.getLogger(Compactor.class);

  private final Database db;
  private final BlobStore blobs;
  private final DictionaryTrainer trainer;
  private final int level;
  private final LongSupplier clock;

  public Compactor(
      Database db, BlobStore blobs, DictionaryTrainer trainer, int level, LongSupplier clock) {
    this.db = db;
    this.blobs = blobs;
    this.trainer = trainer;
    this.level = level;
    this.clock = clock;
  }

  /**
   * @param coldMillis only blobs older than this and unused for this long; negative: every blob not
   *     compacted yet
   */
  public CompactReport run(long coldMillis) {
    boolean trained = trainer.maybeTrain();
    long now = clock.getAsLong();
    List<Long> ids = db.read(c -> candidates(c, coldMillis < 0 ? -1 : now - coldMillis));
    int rewritten = 0;
    long before = 0;
    long after = 0;
    for (long id : ids) {
      if (Thread.currentThread().isInterrupted()) break; // closing
      long[] sizes = compactOne(id);
      if (sizes != null) {
        rewritten++;
        before += sizes[0];
        after += sizes[1];
      }
    }
    if (rewritten > 0) {
      log.info("compact: {} blobs recompressed, {} -> {} bytes", rewritten, before, after);
    }
    return new CompactReport(rewritten, before, after, trained);
  }

  /** @return {before, after} when rewritten, null when unchanged */
  private long[] compactOne(long id) {
    BlobStore.Loaded loaded = blobs.load(id);
    if (loaded == null) return null;
    BlobRow row = loaded.row();
    byte[] raw = loaded.raw();
    boolean isBase = !db.read(c -> BlobTable.dependents(c, id)).isEmpty();
    Sketch sketch = Sketch.of(raw);
    Encoded e = blobs.encoder().encode(raw, sketch, level, !isBase, Set.of(id));
    long now = clock.getAsLong();
    return db.write(
        c -> {
          BlobRow current = BlobTable.byId(c, id);
          if (!row.sameModule(current)
              || current.storedLength() != row.storedLength()
              || current.codec() != row.codec()) {
            return null; // changed meanwhile: leave it for the next run
          }
          boolean fits =
              e.data().length < current.storedLength()
                  && blobs.stillValid(c, e)
                  && (e.codec() != Codec.ZSTD_DELTA || BlobTable.dependents(c, id).isEmpty());
          if (!fits) {
            BlobTable.markCompacted(c, id, now);
            return null;
          }
          BlobTable.updateEncoding(c, id, e, now);
          if (e.codec() == Codec.ZSTD_DELTA) blobs.index().remove(id);
          else if (BlobTable.references(c, id) > 0) blobs.index().add(id, sketch);
          if (current.codec() == Codec.ZSTD_DELTA && current.baseId() != e.baseId()) {
            blobs.collectIfUnused(c, current.baseId()); // it may have been kept only for this one
          }
          return new long[] {current.storedLength(), e.data().length};
        });
  }

  private static List<Long> candidates(Connection c, long coldBefore) throws SQLException {
    String sql =
        "SELECT id FROM blobs b WHERE compacted_at IS NULL"
            + (coldBefore < 0
                ? ""
                : " AND created_at < ? AND NOT EXISTS (SELECT 1 FROM blob_usage u"
                    + " WHERE u.blob_id = b.id AND u.last_used >= ?)")
            // bases first: a later delta then sees its base's final form
            + " ORDER BY (codec = 2), id";
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (coldBefore >= 0) {
        ps.setLong(1, coldBefore);
        ps.setLong(2, coldBefore);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
