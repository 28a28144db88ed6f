package sidekick.store.maintenance;

import com.github.luben.zstd.ZstdDictDecompress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import sidekick.store.CheckReport;
import sidekick.store.StoreException;
import sidekick.store.blob.BlobReader;
import sidekick.store.blob.BlobRow;
import sidekick.store.blob.BlobTable;
import sidekick.store.cache.ByteBoundedCache;
import sidekick.store.codec.Codec;
import sidekick.store.codec.Sha256;
import sidekick.store.db.Database;

/**
 * Verifies the whole store in one read snapshot: SQLite's own integrity and foreign keys, every
 * blob decoded and checked (length, sha256, delta depth 1, base and dictionary present), every
 * plug's link, no orphan blob, every dictionary loadable. Reads bypass the hot cache.
 */
public final class Checker {
  /** Decoded bases kept during one check, so a base shared by many deltas is decoded once. */
  static final long BASE_CACHE_BYTES = 64L << 20;

  private final Database db;
  private final BlobReader reader;

  public Checker(Database db, BlobReader reader) {
    this.db = db;
    this.reader = reader;
  }

  public CheckReport run() {
    return db.read(this::check);
  }

  private CheckReport check(Connection c) throws SQLException {
    List<String> problems = new ArrayList<>();
    sqlite(c, "PRAGMA quick_check", "ok", problems);
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
      while (rs.next()) {
        problems.add("row " + rs.getLong(2) + " of " + rs.getString(1) + " links to a missing "
            + rs.getString(3));
      }
    }
    int dictionaries = checkDictionaries(c, problems);
    int blobs = checkBlobs(c, problems);
    int plugs = checkPlugs(c, problems);
    return new CheckReport(blobs, plugs, dictionaries, problems);
  }

  private int checkBlobs(Connection c, List<String> problems) throws SQLException {
    List<Long> ids = BlobTable.ids(c, "SELECT id FROM blobs ORDER BY id");
    ByteBoundedCache<String> bases = new ByteBoundedCache<>(BASE_CACHE_BYTES);
    for (long id : ids) {
      BlobRow row = BlobTable.byId(c, id);
      if (row == null) continue;
      try {
        reader.read(c, row, row.codec() == Codec.ZSTD_DELTA ? bases : null);
      } catch (StoreException e) {
        problems.add(e.getMessage());
      }
      if (BlobTable.references(c, id) == 0 && BlobTable.dependents(c, id).isEmpty()) {
        problems.add("blob " + row.hex() + " is an orphan: no plug and no delta uses it");
      }
    }
    return ids.size();
  }

  private static int checkPlugs(Connection c, List<String> problems) throws SQLException {
    int n = 0;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT p.channel, p.name, p.sha256, b.id FROM plugs p LEFT JOIN blobs b"
                    + " ON b.sha256 = p.sha256 AND b.length = p.length")) {
      while (rs.next()) {
        n++;
        if (rs.getObject(4) == null) {
          problems.add("plug " + rs.getString(1) + "/" + rs.getString(2) + " links to missing blob "
              + Sha256.hex(rs.getBytes(3)));
        }
      }
    }
    return n;
  }

  private static int checkDictionaries(Connection c, List<String> problems) throws SQLException {
    int n = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, data FROM dictionaries ORDER BY id")) {
      while (rs.next()) {
        n++;
        try (ZstdDictDecompress d = new ZstdDictDecompress(rs.getBytes(2))) {
          // loading it is the check
        } catch (RuntimeException e) {
          problems.add("dictionary " + rs.getLong(1) + " does not load: " + e.getMessage());
        }
      }
    }
    return n;
  }

  private static void sqlite(Connection c, String pragma, String ok, List<String> problems)
      throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(pragma)) {
      while (rs.next()) {
        String line = rs.getString(1);
        if (!ok.equals(line)) problems.add("sqlite: " + line);
      }
    }
  }
}
