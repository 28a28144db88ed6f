package sidekick.store.maintenance;

import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.store.blob.BlobRow;
import sidekick.store.blob.BlobStore;
import sidekick.store.blob.BlobTable;
import sidekick.store.blob.Dictionaries;
import sidekick.store.db.Database;

/**
 * Trains a zstd dictionary on the small modules once there are enough of them, and again each time
 * their number has doubled. A new dictionary marks small blobs for recompression so the compactor
 * can move them onto it.
 */
public final class DictionaryTrainer {
  private static final Logger log = LoggerFactory.getLogger(DictionaryTrainer.class);
  /** zstd wants roughly 10-100x the dictionary size in samples; below 10x it is not worth it. */
  static final int SAMPLE_BYTES_PER_DICT_BYTE = 10;
  /** Upper bound on the samples held in memory for one training. */
  static final long MAX_SAMPLE_BYTES = 64L << 20;

  private final Database db;
  private final BlobStore blobs;
  private final int maxModuleBytes;
  private final int dictionaryBytes;
  private final int minSamples;
  private final LongSupplier clock;
  private long failedAtCount = -1;

  public DictionaryTrainer(
      Database db, BlobStore blobs, int maxModuleBytes, int dictionaryBytes, int minSamples,
      LongSupplier clock) {
    this.db = db;
    this.blobs = blobs;
    this.maxModuleBytes = maxModuleBytes;
    this.dictionaryBytes = dictionaryBytes;
    this.minSamples = minSamples;
    this.clock = clock;
  }

  /** Trains when due. @return true when a new dictionary was stored */
  public synchronized boolean maybeTrain() {
    if (maxModuleBytes == 0) return false;
    long[] counts = db.read(c -> new long[] {countSmall(c), Dictionaries.lastSamples(c)});
    long small = counts[0];
    long last = counts[1];
    if (small < minSamples || small < 2 * last || small == failedAtCount) return false;
    List<byte[]> samples = db.read(this::samples);
    long total = samples.stream().mapToLong(s -> s.length).sum();
    int size = (int) Math.min(dictionaryBytes, total / SAMPLE_BYTES_PER_DICT_BYTE);
    if (size < 1024) {
      failedAtCount = small;
      return false;
    }
    byte[] dict;
    try {
      ZstdDictTrainer trainer = new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE - 8, total), size);
      for (byte[] s : samples) trainer.addSample(s);
      dict = trainer.trainSamples();
    } catch (ZstdException e) {
      log.info("dictionary training on {} samples failed: {}", samples.size(), e.getMessage());
      failedAtCount = small;
      return false;
    }
    long now = clock.getAsLong();
    long id =
        db.write(
            c -> {
              long newId = Dictionaries.insert(c, dict, samples.size(), now);
              try (PreparedStatement ps =
                  c.prepareStatement("UPDATE blobs SET compacted_at = NULL WHERE length <= ?")) {
                ps.setLong(1, maxModuleBytes);
                ps.executeUpdate();
              }
              return newId;
            });
    db.read(
        c -> {
          blobs.dictionaries().refresh(c);
          return null;
        });
    log.info("trained dictionary {} ({} bytes) on {} small modules", id, dict.length, samples.size());
    return true;
  }

  private long countSmall(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM blobs WHERE length <= ?")) {
      ps.setLong(1, maxModuleBytes);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private List<byte[]> samples(Connection c) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM blobs WHERE length <= ? ORDER BY id DESC")) {
      ps.setLong(1, maxModuleBytes);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.add(rs.getLong(1));
      }
    }
    List<byte[]> out = new ArrayList<>();
    long total = 0;
    for (long id : ids) {
      BlobRow row = BlobTable.byId(c, id);
      if (row == null) continue;
      byte[] raw = blobs.reader().read(c, row, null);
      if (total + raw.length > MAX_SAMPLE_BYTES) break;
      out.add(raw);
      total += raw.length;
    }
    return out;
  }
}
