package sidekick.store.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import sidekick.store.StoreException;

/**
 * The SQLite file: one writer connection whose transactions are explicit {@code BEGIN IMMEDIATE ...
 * COMMIT}, serialised by a lock (IMMEDIATE: a write waits on the busy timeout for another process's
 * writer instead of failing mid-way; no lock is held between transactions), and a pool of
 * read-only connections. In WAL mode a reader sees the last committed state and never waits
 * for the writer.
 */
public final class Database implements AutoCloseable {
  private final String url;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BlockingQueue<Connection> readers;
  private final Duration busyTimeout;
  private volatile boolean closed;

  private Database(Path file, int readConnections, Duration busyTimeout, int schemaTarget)
      throws SQLException {
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.busyTimeout = busyTimeout;
    this.writer = DriverManager.getConnection(url, writerConfig().toProperties());
    try {
      write(c -> Migrations.migrate(c, schemaTarget));
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
    this.readers = new ArrayBlockingQueue<>(readConnections);
    for (int i = 0; i < readConnections; i++) {
      Connection r = DriverManager.getConnection(url, readerConfig().toProperties());
      r.setAutoCommit(false); // each read() is one snapshot
      readers.add(r);
    }
  }

  /** Opens (creating and migrating) {@code file}. */
  public static Database open(Path file, int readConnections, Duration busyTimeout) {
    return open(file, readConnections, busyTimeout, Migrations.LATEST);
  }

  /** Opens at a given schema version; tests use it to build an old database. */
  public static Database open(Path file, int readConnections, Duration busyTimeout, int schema) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return new Database(file, readConnections, busyTimeout, schema);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one write transaction: committed when it returns, rolled back if not. */
  public <T> T write(SqlWork<T> work) {
    writeLock.lock();
    try {
      ensureOpen();
      try {
        execute("BEGIN IMMEDIATE");
        T result = work.run(writer);
        execute("COMMIT");
        return result;
      } catch (SQLException e) {
        rollbackQuietly(e);
        throw new StoreException("database write failed: " + e.getMessage(), e);
      } catch (RuntimeException | Error e) {
        rollbackQuietly(e);
        throw e;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} on a pooled read connection, in one snapshot. */
  public <T> T read(SqlWork<T> work) {
    ensureOpen();
    Connection c;
    try {
      c = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a read connection", e);
    }
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    } finally {
      try {
        c.commit(); // ends the read snapshot
      } catch (SQLException e) {
        // a failed commit of a read-only snapshot leaves nothing to undo
      }
      readers.add(c);
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) return;
      closed = true;
      closeQuietly(writer);
      Connection r;
      while ((r = readers.poll()) != null) closeQuietly(r);
    } finally {
      writeLock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) throw new StoreException("the store is closed");
  }

  private void rollbackQuietly(Throwable cause) {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // "no transaction is active" when BEGIN itself failed: nothing to undo
      if (!String.valueOf(e.getMessage()).contains("no transaction")) cause.addSuppressed(e);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.execute(sql);
    }
  }

  private SQLiteConfig writerConfig() {
    SQLiteConfig cfg = common();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    return cfg;
  }

  private SQLiteConfig readerConfig() {
    SQLiteConfig cfg = common();
    cfg.setReadOnly(true);
    return cfg;
  }

  private SQLiteConfig common() {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.enforceForeignKeys(true);
    // FULL: a commit is on disk when it returns, so kill -9 or power loss keeps it
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    cfg.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    return cfg;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // closing; nothing left to protect
    }
  }
}
