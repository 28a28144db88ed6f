package sidekick.core.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * {@code DATA/sidekick.db}: one SQLite connection in WAL mode, used under a lock (SQLite serializes
 * writers anyway), with prepared statements cached by their SQL. Schema changes are forward migrations
 * numbered by {@code PRAGMA user_version}; a database newer than this code is refused, not damaged.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /** How long a writer waits for another process holding the write lock (the CLI, say). */
  public static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final Path file;
  private final Connection conn;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private boolean closed;
  private Checkpointer checkpointer;

  private Database(Path file, Connection conn) {
    this.file = file;
    this.conn = conn;
  }

  /** Opens (creating) the database file and applies the migrations it has not seen yet. */
  public static Database open(Path file, List<String> migrations) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      SQLiteConfig cfg = new SQLiteConfig();
      cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
      cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      cfg.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
      cfg.enforceForeignKeys(true);
      cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      cfg.setGetGeneratedKeys(false); // no extra "SELECT last_insert_rowid()" after each insert
      Connection c = cfg.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      Database db = new Database(file, c);
      db.migrate(migrations);
      return db;
    } catch (Exception e) {
      throw new DatabaseException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private void migrate(List<String> migrations) throws SQLException {
    int current = userVersion();
    if (current > migrations.size()) {
      throw new SQLException(file + " has schema version " + current + ", newer than this sidekick ("
          + migrations.size() + "); upgrade sidekick instead");
    }
    for (int v = current; v < migrations.size(); v++) {
      int target = v + 1;
      String script = migrations.get(v);
      conn.setAutoCommit(false);
      try (Statement st = conn.createStatement()) {
        // Another process may have migrated meanwhile: re-check inside the write transaction.
        if (userVersion() >= target) {
          conn.commit();
          continue;
        }
        for (String sql : script.split(";")) {
          if (!sql.isBlank()) st.executeUpdate(sql);
        }
        st.executeUpdate("PRAGMA user_version = " + target);
        conn.commit();
        log.info("migrated {} to schema version {}", file.getFileName(), target);
      } catch (SQLException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    }
  }

  private int userVersion() throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Work done with the connection; may throw SQLException. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Session s) throws SQLException;
  }

  /** What a unit of work sees: cached prepared statements on the locked connection. */
  public final class Session {
    private Session() {}

    public PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null) {
        ps = conn.prepareStatement(sql);
        statements.put(sql, ps);
      } else {
        ps.clearParameters();
      }
      return ps;
    }

    /** Binds the arguments and runs an update; returns the changed row count. */
    public int update(String sql, Object... args) throws SQLException {
      PreparedStatement ps = bind(prepare(sql), args);
      return ps.executeUpdate();
    }

    /**
     * Runs one statement for many rows in one batch (one call into SQLite instead of one per row and
     * per argument: half the CPU of row-by-row updates for small rows).
     */
    public void updateBatch(String sql, List<Object[]> rows) throws SQLException {
      PreparedStatement ps = prepare(sql);
      for (Object[] row : rows) {
        bind(ps, row);
        ps.addBatch();
      }
      ps.executeBatch();
    }

    /** Binds the arguments and runs a query; the caller closes the result set. */
    public ResultSet query(String sql, Object... args) throws SQLException {
      return bind(prepare(sql), args).executeQuery();
    }

    private PreparedStatement bind(PreparedStatement ps, Object[] args) throws SQLException {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      return ps;
    }
  }

  /** Runs read-only work. */
  public <T> T read(Work<T> work) {
    lock.lock();
    try {
      ensureOpen();
      return work.run(new Session());
    } catch (SQLException e) {
      throw new DatabaseException("database read failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs work in one write transaction: all of it is committed, or none of it. The transaction is
   * opened and closed with cached {@code BEGIN IMMEDIATE} / {@code COMMIT} statements while the JDBC
   * connection stays in auto-commit: sqlite-jdbc's own {@code commit()} opens the next transaction at
   * once and {@code setAutoCommit(true)} then commits that empty one, parsing each statement again,
   * which doubled the locking and parsing of every small write (the event writer's group commits).
   */
  public <T> T write(Work<T> work) {
    lock.lock();
    try {
      ensureOpen();
      Session s = new Session();
      s.prepare("BEGIN IMMEDIATE").executeUpdate();
      try {
        T result = work.run(s);
        s.prepare("COMMIT").executeUpdate();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(e);
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseException("database write failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Ends a failed transaction (SQLite may have rolled it back already, or the COMMIT may have failed). */
  private void rollback(Exception cause) {
    try (Statement st = conn.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        cause.addSuppressed(e);
      }
    }
  }

  /** Changes whenever another connection (another process) commits to the file: cheap change detection. */
  public long dataVersion() {
    return read(s -> {
      try (ResultSet rs = s.query("PRAGMA data_version")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  /**
   * Checkpoints the WAL on a background thread every {@code interval} instead of inside the commit
   * that fills it (see {@link Checkpointer}): for a process that commits continuously (the core).
   */
  public void checkpointInBackground(Duration interval) {
    lock.lock();
    try {
      ensureOpen();
      if (checkpointer != null) return;
      try (Statement st = conn.createStatement()) {
        st.execute("PRAGMA wal_autocheckpoint=0");
      }
      checkpointer = Checkpointer.start(file, interval);
    } catch (SQLException e) {
      throw new DatabaseException("cannot start background checkpoints: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) throw new DatabaseException("database is closed", null);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) return;
      closed = true;
      if (checkpointer != null) checkpointer.close();
      for (PreparedStatement ps : statements.values()) {
        try {
          ps.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      statements.clear();
      conn.close();
    } catch (SQLException e) {
      log.warn("closing {} failed: {}", file, e.getMessage());
    } finally {
      lock.unlock();
    }
  }
}
