package sidekick.store.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.store.StoreException;

/**
 * Forward-only schema migrations. The schema version is SQLite's {@code user_version}; migration N
 * takes the schema from version N-1 to N, inside the same transaction as the version bump. A
 * database newer than this program is refused rather than misread.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** Shared by plug_usage and blob_usage. */
  private static final String USAGE_COLUMNS =
      "calls INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0,"
          + " total_micros INTEGER NOT NULL DEFAULT 0, recent_start INTEGER NOT NULL DEFAULT 0,"
          + " recent_calls INTEGER NOT NULL DEFAULT 0, recent_micros INTEGER NOT NULL DEFAULT 0,"
          + " bytes_in INTEGER NOT NULL DEFAULT 0, bytes_out INTEGER NOT NULL DEFAULT 0,"
          + " last_used INTEGER, histogram BLOB";

  /** Index i holds the statements of migration i+1. Never edit a released one; append. */
  static final List<List<String>> STEPS =
      List.of(
          // 1: blobs keyed by (length, sha256), plug rows pointing at them, trained dictionaries.
          List.of(
              "CREATE TABLE dictionaries (id INTEGER PRIMARY KEY, samples INTEGER NOT NULL,"
                  + " created_at INTEGER NOT NULL, data BLOB NOT NULL)",
              // data last: reading the small columns never walks a big blob's overflow pages
              "CREATE TABLE blobs (id INTEGER PRIMARY KEY, length INTEGER NOT NULL,"
                  + " sha256 BLOB NOT NULL, codec INTEGER NOT NULL,"
                  + " base_id INTEGER REFERENCES blobs(id),"
                  + " dict_id INTEGER REFERENCES dictionaries(id), level INTEGER NOT NULL,"
                  + " stored_length INTEGER NOT NULL, created_at INTEGER NOT NULL,"
                  + " compacted_at INTEGER, sketch BLOB NOT NULL, data BLOB NOT NULL,"
                  + " UNIQUE (sha256, length),"
                  + " CHECK ((codec = 2) = (base_id IS NOT NULL)),"
                  + " CHECK ((codec = 3) = (dict_id IS NOT NULL)))",
              "CREATE INDEX blobs_base ON blobs(base_id) WHERE base_id IS NOT NULL",
              "CREATE INDEX blobs_dict ON blobs(dict_id) WHERE dict_id IS NOT NULL",
              "CREATE TABLE plugs (channel TEXT NOT NULL, name TEXT NOT NULL,"
                  + " server TEXT NOT NULL, uploaded_by TEXT NOT NULL,"
                  + " uploaded_at INTEGER NOT NULL, length INTEGER NOT NULL,"
                  + " sha256 BLOB NOT NULL, PRIMARY KEY (channel, name),"
                  + " FOREIGN KEY (sha256, length) REFERENCES blobs(sha256, length))"
                  + " WITHOUT ROWID",
              "CREATE INDEX plugs_blob ON plugs(sha256, length)"),
          // 2: usage statistics, per plug and per blob, written in batches.
          List.of(
              "CREATE TABLE plug_usage (channel TEXT NOT NULL, name TEXT NOT NULL, "
                  + USAGE_COLUMNS
                  + ", PRIMARY KEY (channel, name)) WITHOUT ROWID",
              "CREATE TABLE blob_usage (blob_id INTEGER PRIMARY KEY"
                  + " REFERENCES blobs(id) ON DELETE CASCADE, "
                  + USAGE_COLUMNS
                  + ")"));

  public static final int LATEST = STEPS.size();

  private Migrations() {}

  /** Brings the schema to {@code target} (normally {@link #LATEST}); call in a write transaction. */
  public static int migrate(Connection c, int target) throws SQLException {
    int version = version(c);
    if (version > LATEST) {
      throw new StoreException(
          "wasm.db has schema version " + version + ", newer than this program (" + LATEST + ")");
    }
    try (Statement s = c.createStatement()) {
      for (int v = version + 1; v <= target; v++) {
        for (String sql : STEPS.get(v - 1)) s.execute(sql);
        s.execute("PRAGMA user_version = " + v);
        log.info("wasm.db migrated to schema version {}", v);
      }
    }
    return Math.max(version, target);
  }

  public static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
