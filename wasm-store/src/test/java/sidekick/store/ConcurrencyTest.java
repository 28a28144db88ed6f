package sidekick.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void eightThreadsUploadingTheSameModuleMakeOneBlob() throws Exception {
    byte[] m = Modules.module(42, 300_000);
    try (WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet())) {
      for (int round = 0; round < 3; round++) {
        byte[] module = round == 0 ? m : Modules.module(42 + round, 200_000);
        CyclicBarrier start = new CyclicBarrier(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<PutResult>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          String channel = "c" + t;
          String name = "p" + round;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.put(channel, name, "s", "u", module);
                  }));
        }
        int inserted = 0;
        for (Future<PutResult> f : results) {
          PutResult r = f.get();
          assertThat(r.hash()).isEqualTo(WasmStore.sha256Hex(module));
          if (r.newBlob()) inserted++;
        }
        pool.shutdown();
        assertThat(inserted).isEqualTo(1);
      }
      StoreStats s = store.stats();
      assertThat(s.blobs()).isEqualTo(3);
      assertThat(s.references()).isEqualTo(24);
      assertThat(store.check().clean()).isTrue();
    }
  }

  @Test
  void readersDoNotWaitForAWriterHoldingTheLock() throws Exception {
    byte[] m = Modules.module(7, 50_000);
    try (WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet())) {
      store.put("c", "p", "s", "u", m);
      // another process (here: another connection) holds the write lock with uncommitted changes
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wasm.db"));
          Statement s = other.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        s.execute("DELETE FROM plugs");
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> {
              for (int i = 0; i < 50; i++) {
                assertThat(store.get("c", "p")).isEqualTo(m);
                assertThat(store.list("c")).hasSize(1);
                assertThat(store.stats().references()).isEqualTo(1);
              }
            });
        s.execute("ROLLBACK");
      }
    }
  }

  @Test
  void readsAndWritesFromManyThreadsStayConsistent() throws Exception {
    byte[] library = Modules.module(9, 100_000);
    // no hot cache: every read decodes what is stored, so a bad blob cannot hide behind the copy
    // the uploader cached (BlobIdReuseTest forces the race this once caught only by chance)
    try (WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet().withCacheBytes(0))) {
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int writer = t;
        jobs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    byte[] mod = Modules.linked(library, writer * 100 + i % 4, 1000);
                    String hash = store.put("c", "p" + writer, "s", "u", mod).hash();
                    store.recordUsage("c", "p" + writer, hash, i, true, 1, 1);
                    if (i % 7 == 6) store.remove("c", "p" + writer);
                  }
                  return null;
                }));
      }
      for (int t = 0; t < 3; t++) {
        jobs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 60; i++) {
                    for (PlugInfo p : store.list("c")) {
                      try {
                        byte[] got = store.getByHash(p.hash());
                        assertThat(WasmStore.sha256Hex(got)).isEqualTo(p.hash());
                      } catch (NotFoundException replacedMeanwhile) {
                        // the writer replaced it between list and get: fine
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : jobs) f.get();
      pool.shutdown();
      store.gc();
      assertThat(store.check().clean()).isTrue();
    }
  }
}
