package sidekick.store.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads and merges usage rows of {@code plug_usage} (key: channel, name) and {@code blob_usage}
 * (key: blob_id). Both tables share the same counter columns.
 */
public final class UsageTable {
  static final String COLUMNS =
      "calls, errors, total_micros, recent_start, recent_calls, recent_micros, bytes_in,"
          + " bytes_out, last_used, histogram";

  private UsageTable() {}

  public static UsageCounter readPlug(Connection c, String channel, String name)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM plug_usage WHERE channel = ? AND name = ?")) {
      ps.setString(1, channel);
      ps.setString(2, name);
      return readOne(ps);
    }
  }

  public static UsageCounter readBlob(Connection c, long blobId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM blob_usage WHERE blob_id = ?")) {
      ps.setLong(1, blobId);
      return readOne(ps);
    }
  }

  /** Adds {@code delta} to a plug's stored usage (creating the row). */
  public static void mergePlug(
      Connection c, String channel, String name, UsageCounter delta, long windowMillis)
      throws SQLException {
    UsageCounter merged = readPlug(c, channel, name);
    merged.merge(delta, windowMillis);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR REPLACE INTO plug_usage (channel, name, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, channel);
      ps.setString(2, name);
      bind(ps, 3, merged);
      ps.executeUpdate();
    }
  }

  /** Adds {@code delta} to a blob's stored usage (creating the row). */
  public static void mergeBlob(Connection c, long blobId, UsageCounter delta, long windowMillis)
      throws SQLException {
    UsageCounter merged = readBlob(c, blobId);
    merged.merge(delta, windowMillis);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR REPLACE INTO blob_usage (blob_id, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, blobId);
      bind(ps, 2, merged);
      ps.executeUpdate();
    }
  }

  public static void deletePlug(Connection c, String channel, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM plug_usage WHERE channel = ? AND name = ?")) {
      ps.setString(1, channel);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  /** Reads the counter columns of the current row, starting at column {@code first}. */
  public static UsageCounter fromRow(ResultSet rs, int first) throws SQLException {
    UsageCounter u = new UsageCounter(LatencyHistogram.fromBytes(rs.getBytes(first + 9)));
    u.calls = rs.getLong(first);
    u.errors = rs.getLong(first + 1);
    u.totalMicros = rs.getLong(first + 2);
    u.recentStart = rs.getLong(first + 3);
    u.recentCalls = rs.getLong(first + 4);
    u.recentMicros = rs.getLong(first + 5);
    u.bytesIn = rs.getLong(first + 6);
    u.bytesOut = rs.getLong(first + 7);
    u.lastUsed = rs.getLong(first + 8);
    return u;
  }

  /** The counter columns prefixed with a table alias, for joins. */
  public static String columns(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  private static UsageCounter readOne(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? fromRow(rs, 1) : new UsageCounter();
    }
  }

  private static void bind(PreparedStatement ps, int first, UsageCounter u) throws SQLException {
    ps.setLong(first, u.calls);
    ps.setLong(first + 1, u.errors);
    ps.setLong(first + 2, u.totalMicros);
    ps.setLong(first + 3, u.recentStart);
    ps.setLong(first + 4, u.recentCalls);
    ps.setLong(first + 5, u.recentMicros);
    ps.setLong(first + 6, u.bytesIn);
    ps.setLong(first + 7, u.bytesOut);
    if (u.lastUsed == 0) ps.setNull(first + 8, java.sql.Types.INTEGER);
    else ps.setLong(first + 8, u.lastUsed);
    ps.setBytes(first + 9, u.histogram.toBytes());
  }
}
