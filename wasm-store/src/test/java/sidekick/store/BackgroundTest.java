package sidekick.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BackgroundTest {
  @TempDir Path dir;

  @Test
  void usageIsFlushedWithoutBeingAsked() throws Exception {
    StoreConfig cfg = WasmStoreTest.quiet().withUsageFlush(Duration.ofMillis(50), 1000);
    try (WasmStore store = WasmStore.open(dir, cfg)) {
      String hash = store.put("c", "p", "s", "u", Modules.module(1, 1000)).hash();
      for (int i = 0; i < 10; i++) store.recordUsage("c", "p", hash, 100, true, 1, 2);
      waitFor(() -> storedCalls() == 10);
    }
  }

  @Test
  void manyPendingPlugsTriggerAnEarlyFlush() throws Exception {
    StoreConfig cfg = WasmStoreTest.quiet().withUsageFlush(Duration.ofHours(1), 5);
    try (WasmStore store = WasmStore.open(dir, cfg)) {
      String hash = store.put("c", "p", "s", "u", Modules.module(1, 1000)).hash();
      for (int i = 0; i < 5; i++) store.recordUsage("c" + i, "p", hash, 100, true, 1, 2);
      store.recordUsage("c", "p", hash, 100, true, 1, 2);
      waitFor(() -> storedCalls() >= 1);
    }
  }

  @Test
  void coldBlobsAreRecompressedInTheBackground() throws Exception {
    StoreConfig cfg =
        WasmStoreTest.quiet()
            .withColdAfter(Duration.ZERO)
            .withMaintenanceInterval(Duration.ofMillis(100));
    try (WasmStore store = WasmStore.open(dir, cfg)) {
      store.put("c", "p", "s", "u", Modules.module(2, 200_000));
      long uploaded = store.stats().storedBytes();
      waitFor(() -> store.stats().storedBytes() < uploaded);
      assertThat(store.check().clean()).isTrue();
    }
  }

  @Test
  void aClosedStoreSaysSo() {
    WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet());
    store.put("c", "p", "s", "u", Modules.module(3, 100));
    store.close();
    store.close(); // idempotent
    assertThatThrownBy(() -> store.get("c", "p"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  private long storedCalls() {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wasm.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(sum(calls), 0) FROM blob_usage")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (java.sql.SQLException e) {
      return -1;
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
