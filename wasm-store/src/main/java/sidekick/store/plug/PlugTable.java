package sidekick.store.plug;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import sidekick.store.usage.UsageCounter;
import sidekick.store.usage.UsageTable;

/** SQL on the {@code plugs} table (with its usage row where asked). */
public final class PlugTable {
  private static final String COLUMNS =
      "p.channel, p.name, p.server, p.uploaded_by, p.uploaded_at, p.length, p.sha256";

  /** A plug row with its stored (flushed) usage. */
  public record WithUsage(PlugRow plug, UsageCounter usage) {}

  private PlugTable() {}

  public static PlugRow find(Connection c, String channel, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM plugs p WHERE p.channel = ? AND p.name = ?")) {
      ps.setString(1, channel);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? row(rs) : null;
      }
    }
  }

  /** Plugs of a channel (or the one named, when {@code name} is not null), ordered by name. */
  public static List<WithUsage> listWithUsage(Connection c, String channel, String name)
      throws SQLException {
    String sql =
        "SELECT " + COLUMNS + ", " + UsageTable.columns("u")
            + " FROM plugs p LEFT JOIN plug_usage u ON u.channel = p.channel AND u.name = p.name"
            + " WHERE p.channel = ?" + (name == null ? "" : " AND p.name = ?")
            + " ORDER BY p.name";
    List<WithUsage> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, channel);
      if (name != null) ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UsageCounter usage =
              rs.getObject(8) == null ? new UsageCounter() : UsageTable.fromRow(rs, 8);
          out.add(new WithUsage(row(rs), usage));
        }
      }
    }
    return out;
  }

  public static void upsert(Connection c, PlugRow p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR REPLACE INTO plugs (channel, name, server, uploaded_by, uploaded_at,"
                + " length, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, p.channel());
      ps.setString(2, p.name());
      ps.setString(3, p.server());
      ps.setString(4, p.uploadedBy());
      ps.setLong(5, p.uploadedAt());
      ps.setLong(6, p.length());
      ps.setBytes(7, p.sha256());
      ps.executeUpdate();
    }
  }

  public static boolean delete(Connection c, String channel, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM plugs WHERE channel = ? AND name = ?")) {
      ps.setString(1, channel);
      ps.setString(2, name);
      return ps.executeUpdate() > 0;
    }
  }

  private static PlugRow row(ResultSet rs) throws SQLException {
    return new PlugRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getBytes(7));
  }
}
