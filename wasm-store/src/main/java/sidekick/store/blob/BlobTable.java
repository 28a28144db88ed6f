package sidekick.store.blob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import sidekick.store.codec.Codec;
import sidekick.store.codec.Encoded;

/** SQL on the {@code blobs} table. Every method runs on the caller's connection and transaction. */
public final class BlobTable {
  private static final String META =
      "id, length, sha256, codec, base_id, dict_id, level, stored_length, created_at, compacted_at";

  private BlobTable() {}

  public static BlobRow byId(Connection c, long id) throws SQLException {
    return one(c, "SELECT " + META + " FROM blobs WHERE id = ?", ps -> ps.setLong(1, id));
  }

  public static BlobRow byKey(Connection c, byte[] sha256, long length) throws SQLException {
    return one(
        c,
        "SELECT " + META + " FROM blobs WHERE sha256 = ? AND length = ?",
        ps -> {
          ps.setBytes(1, sha256);
          ps.setLong(2, length);
        });
  }

  public static BlobRow bySha(Connection c, byte[] sha256) throws SQLException {
    return one(c, "SELECT " + META + " FROM blobs WHERE sha256 = ?", ps -> ps.setBytes(1, sha256));
  }

  public static byte[] data(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT data FROM blobs WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }

  public static long insert(
      Connection c, long length, byte[] sha256, Encoded e, byte[] sketch, long now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO blobs (length, sha256, codec, base_id, dict_id, level, stored_length,"
                + " created_at, sketch, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            java.sql.Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, length);
      ps.setBytes(2, sha256);
      bindEncoding(ps, 3, e);
      ps.setLong(8, now);
      ps.setBytes(9, sketch);
      ps.setBytes(10, e.data());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Replaces a blob's encoding; {@code compactedAt} 0 means "not compacted yet". */
  public static void updateEncoding(Connection c, long id, Encoded e, long compactedAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE blobs SET codec = ?, base_id = ?, dict_id = ?, level = ?, stored_length = ?,"
                + " compacted_at = ?, data = ? WHERE id = ?")) {
      bindEncoding(ps, 1, e);
      if (compactedAt == 0) ps.setNull(6, Types.INTEGER);
      else ps.setLong(6, compactedAt);
      ps.setBytes(7, e.data());
      ps.setLong(8, id);
      ps.executeUpdate();
    }
  }

  public static void markCompacted(Connection c, long id, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE blobs SET compacted_at = ? WHERE id = ?")) {
      ps.setLong(1, now);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  public static void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM blobs WHERE id = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

  /** Plug rows pointing at the blob. */
  public static long references(Connection c, long id) throws SQLException {
    return count(
        c,
        "SELECT count(*) FROM plugs p JOIN blobs b ON p.sha256 = b.sha256 AND p.length = b.length"
            + " WHERE b.id = ?",
        id);
  }

  /** Blobs stored as a delta against this one. */
  public static List<Long> dependents(Connection c, long id) throws SQLException {
    return ids(c, "SELECT id FROM blobs WHERE base_id = ? ORDER BY id", id);
  }

  /** Blobs that no plug references (garbage, or bases kept for their dependents). */
  public static List<Long> unreferenced(Connection c) throws SQLException {
    return ids(
        c,
        "SELECT id FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM plugs p"
            + " WHERE p.sha256 = b.sha256 AND p.length = b.length) ORDER BY id");
  }

  public static List<Long> ids(Connection c, String sql, long... params) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) ps.setLong(i + 1, params[i]);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private static long count(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static void bindEncoding(PreparedStatement ps, int first, Encoded e) throws SQLException {
    ps.setInt(first, e.codec().id());
    if (e.codec() == Codec.ZSTD_DELTA) ps.setLong(first + 1, e.baseId());
    else ps.setNull(first + 1, Types.INTEGER);
    if (e.codec() == Codec.ZSTD_DICT) ps.setLong(first + 2, e.dictId());
    else ps.setNull(first + 2, Types.INTEGER);
    ps.setInt(first + 3, e.level());
    ps.setLong(first + 4, e.data().length);
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static BlobRow one(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return null;
        return new BlobRow(
            rs.getLong(1),
            rs.getLong(2),
            rs.getBytes(3),
            Codec.of(rs.getInt(4)),
            rs.getLong(5),
            rs.getLong(6),
            rs.getInt(7),
            rs.getLong(8),
            rs.getLong(9),
            rs.getLong(10));
      }
    }
  }
}
