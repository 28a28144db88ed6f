package sidekick.core.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Moves WAL checkpoints off the writing connection: SQLite's automatic checkpoint runs inside the
 * commit that crosses the WAL size, copying pages and syncing the disk (tens of milliseconds on a slow
 * disk) while the writer, and every answer waiting for that commit, stands still. This thread runs
 * passive checkpoints on its own connection instead; they never block a writer or a reader. The WAL
 * between two runs is the price (at most what the interval lets through).
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  private final Connection conn;
  private final Thread thread;
  private final long intervalMillis;
  private volatile boolean stopping;

  private Checkpointer(Connection conn, Duration interval) {
    this.conn = conn;
    this.intervalMillis = Math.max(10, interval.toMillis());
    this.thread = new Thread(this::run, "sidekick-db-checkpoint");
    thread.setDaemon(true);
  }

  static Checkpointer start(Path file, Duration interval) throws SQLException {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setBusyTimeout(Database.BUSY_TIMEOUT_MILLIS);
    Checkpointer c = new Checkpointer(cfg.createConnection("jdbc:sqlite:" + file.toAbsolutePath()), interval);
    c.thread.start();
    return c;
  }

  private void run() {
    while (!stopping) {
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        break;
      }
      try (Statement st = conn.createStatement()) {
        st.execute("PRAGMA wal_checkpoint(PASSIVE)");
      } catch (SQLException e) {
        if (!stopping) log.warn("WAL checkpoint failed (retried): {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      conn.close();
    } catch (SQLException e) {
      log.warn("closing the checkpoint connection failed: {}", e.getMessage());
    }
  }
}
