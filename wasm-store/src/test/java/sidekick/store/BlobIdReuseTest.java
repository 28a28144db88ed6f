package sidekick.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sidekick.store.blob.BlobTable;
import sidekick.store.codec.Encoded;
import sidekick.store.codec.Sha256;
import sidekick.store.codec.Sketch;
import sidekick.store.codec.Zstd;
import sidekick.store.plug.PlugRow;
import sidekick.store.plug.PlugTable;

/**
 * SQLite hands the largest blob id out again once that blob is deleted (the table has no
 * AUTOINCREMENT). An upload encodes its delta outside the write lock, against a base named by id;
 * if meanwhile the base is deleted and another module is stored under the same id, the delta must
 * not be linked against that other module; the same holds for compaction and gc, which also encode
 * outside the lock. The interleaving is forced: the swap is held in another connection's open write
 * transaction until the encoding is done and its writer waits for the lock.
 */
@Timeout(60)
class BlobIdReuseTest {
  private static final byte[] STRANGER = Modules.module(500, 30_000);

  @TempDir Path dir;

  @Test
  void anUploadsDeltaIsNotLinkedToAModuleThatTookItsBasesId() throws Exception {
    byte[] library = Modules.module(9, 100_000);
    byte[] base = Modules.linked(library, 1, 1000);
    byte[] module = Modules.linked(library, 2, 1000);
    try (WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet())) {
      store.put("c", "base", "s", "u", base); // blob 1: the only blob, so the largest id
      // the upload encodes against blob 1 as its snapshot shows it (base), then waits for the lock
      whileTheBlobIsSwapped(1, "base", () -> store.put("c", "m", "s", "u", module));
      assertThat(store.check().problems()).isEmpty();
    }
    assertReadFresh("m", module);
  }

  @Test
  void aCompactionDeltaIsNotWrittenAgainstAModuleThatTookItsBasesId() throws Exception {
    byte[] library = Modules.module(9, 100_000);
    byte[] target = Modules.linked(library, 1, 1000);
    byte[] base = Modules.linked(library, 2, 1000);
    // uploaded whole (no delta candidates), so compaction finds blob 2 a good base for blob 1
    try (WasmStore uploader = WasmStore.open(dir, WasmStoreTest.quiet().withDeltaCandidates(0))) {
      uploader.put("c", "target", "s", "u", target);
      uploader.put("c", "base", "s", "u", base);
    }
    try (WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet())) {
      // compaction encodes blob 1 against blob 2 (base), then waits for the lock
      whileTheBlobIsSwapped(2, "base", store::compact);
      assertThat(store.check().problems()).isEmpty();
    }
    assertReadFresh("target", target);
  }

  /**
   * Runs {@code work} in a thread while another connection holds the write lock with blob {@code
   * id} (plug {@code plug}) deleted and a different module stored under the same id; commits that
   * once {@code work} has encoded and waits for its write transaction, then returns its result.
   */
  private <T> T whileTheBlobIsSwapped(long id, String plug, Callable<T> work) throws Exception {
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wasm.db"));
        Statement s = other.createStatement()) {
      s.execute("PRAGMA foreign_keys = ON");
      s.execute("BEGIN IMMEDIATE");
      s.execute("DELETE FROM plugs WHERE name = '" + plug + "'");
      s.execute("DELETE FROM blobs WHERE id = " + id);
      assertThat(insertWhole(other, STRANGER))
          .as("SQLite reuses the id of the deleted largest row")
          .isEqualTo(id);
      PlugTable.upsert(
          other,
          new PlugRow("c", "stranger", "s", "u", 0, STRANGER.length, Sha256.digest(STRANGER)));
      FutureTask<T> task = new FutureTask<>(work);
      Thread worker = new Thread(task, "encoder");
      worker.start();
      awaitWaitingForTheWriteLock(worker);
      s.execute("COMMIT"); // blob `id` is now the stranger
      return task.get(30, TimeUnit.SECONDS);
    }
  }

  /** Reads through a new instance, so nothing comes from the cache the writer filled. */
  private void assertReadFresh(String plug, byte[] expected) {
    try (WasmStore fresh = WasmStore.open(dir, WasmStoreTest.quiet())) {
      assertThat(fresh.get("c", plug)).isEqualTo(expected);
      assertThat(fresh.get("c", "stranger")).isEqualTo(STRANGER);
      assertThat(fresh.check().problems()).isEmpty();
    }
  }

  private static long insertWhole(Connection c, byte[] raw) throws Exception {
    Encoded plain = Encoded.plain(3, Zstd.compress(raw, 3));
    return BlobTable.insert(c, raw.length, Sha256.digest(raw), plain, Sketch.of(raw).toBytes(), 0);
  }

  /** Until the uploader has prepared its encoding and is inside the write transaction's BEGIN. */
  private static void awaitWaitingForTheWriteLock(Thread uploader) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Arrays.stream(uploader.getStackTrace())
              .anyMatch(
                  f -> f.getClassName().equals("sidekick.store.db.Database")
                      && f.getMethodName().equals("write"))) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the upload never reached its write transaction");
  }
}
