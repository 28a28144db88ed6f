package sidekick.store.blob;

import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trained zstd dictionaries for small modules, stored in the {@code dictionaries} table with an id
 * that blobs record. The newest one is used for new uploads; older ones stay while a blob uses them.
 * Prepared (digested) dictionaries are cached per process.
 */
public final class Dictionaries {
  private record LevelKey(long id, int level) {}

  private final Map<LevelKey, ZstdDictCompress> compressors = new ConcurrentHashMap<>();
  private final Map<Long, ZstdDictDecompress> decompressors = new ConcurrentHashMap<>();
  private volatile long currentId;

  /** Id of the newest dictionary (0 when none), as last seen by {@link #refresh}. */
  public long currentId() {
    return currentId;
  }

  public void refresh(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM dictionaries")) {
      currentId = rs.next() ? rs.getLong(1) : 0;
    }
  }

  public ZstdDictCompress compressor(Connection c, long id, int level) throws SQLException {
    LevelKey key = new LevelKey(id, level);
    ZstdDictCompress d = compressors.get(key);
    if (d == null) {
      byte[] bytes = bytes(c, id);
      if (bytes == null) return null;
      d = new ZstdDictCompress(bytes, level);
      compressors.put(key, d);
    }
    return d;
  }

  public ZstdDictDecompress decompressor(Connection c, long id) throws SQLException {
    ZstdDictDecompress d = decompressors.get(id);
    if (d == null) {
      byte[] bytes = bytes(c, id);
      if (bytes == null) return null;
      d = new ZstdDictDecompress(bytes);
      decompressors.put(id, d);
    }
    return d;
  }

  public static byte[] bytes(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT data FROM dictionaries WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }

  /** Samples the newest dictionary was trained on (0 when none). */
  public static long lastSamples(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT samples FROM dictionaries ORDER BY id DESC LIMIT 1")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  public static long insert(Connection c, byte[] data, int samples, long now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dictionaries (samples, created_at, data) VALUES (?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setInt(1, samples);
      ps.setLong(2, now);
      ps.setBytes(3, data);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Deletes dictionaries no blob uses, except the newest. @return how many */
  public int deleteUnused(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      int n =
          s.executeUpdate(
              "DELETE FROM dictionaries WHERE id < (SELECT max(id) FROM dictionaries)"
                  + " AND NOT EXISTS (SELECT 1 FROM blobs WHERE dict_id = dictionaries.id)");
      if (n > 0) forgetMissing(c);
      return n;
    }
  }

  private void forgetMissing(Connection c) throws SQLException {
    for (Long id : decompressors.keySet()) {
      if (bytes(c, id) == null) decompressors.remove(id);
    }
    compressors.keySet().removeIf(k -> !decompressors.containsKey(k.id()) && k.id() != currentId);
  }
}
