package sidekick.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmStoreTest {
  @TempDir Path dir;
  WasmStore store;

  static StoreConfig quiet() {
    return StoreConfig.defaults().withMaintenanceInterval(Duration.ZERO);
  }

  @BeforeEach
  void open() {
    store = WasmStore.open(dir, quiet());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void putThenGetReturnsTheSameBytesAndTheirHash() {
    byte[] m = Modules.module(1, 20_000);
    PutResult r = store.put("c1", "attack", "s1", "u1", m);
    assertThat(r.name()).isEqualTo("attack");
    assertThat(r.hash()).isEqualTo(WasmStore.sha256Hex(m)).hasSize(64);
    assertThat(r.length()).isEqualTo(m.length);
    assertThat(r.replaced()).isFalse();
    assertThat(r.newBlob()).isTrue();
    assertThat(store.get("c1", "attack")).isEqualTo(m);
    assertThat(store.getByHash(r.hash())).isEqualTo(m);
    assertThat(store.getByHash(r.hash().toUpperCase())).isEqualTo(m);
    assertThat(dir.resolve("wasm.db")).exists();
  }

  @Test
  void theSameBytesInManyChannelsAreOneBlob() {
    byte[] m = Modules.module(2, 50_000);
    for (int i = 0; i < 5; i++) {
      PutResult r = store.put("c" + i, "p", "s", "u", m);
      assertThat(r.newBlob()).isEqualTo(i == 0);
    }
    StoreStats s = store.stats();
    assertThat(s.blobs()).isEqualTo(1);
    assertThat(s.references()).isEqualTo(5);
    assertThat(s.rawBytes()).isEqualTo(m.length);
    assertThat(s.referencedBytes()).isEqualTo(5L * m.length);
    assertThat(s.storedBytes()).isLessThan(m.length / 2);
  }

  @Test
  void replacingAndRemovingCollectTheOldBlob() {
    byte[] a = Modules.module(3, 10_000);
    byte[] b = Modules.module(4, 10_000);
    store.put("c", "p", "s", "u", a);
    store.put("c2", "p", "s", "u", a);
    PutResult r = store.put("c", "p", "s", "u2", b);
    assertThat(r.replaced()).isTrue();
    assertThat(r.previousHash()).isEqualTo(WasmStore.sha256Hex(a));
    assertThat(store.stats().blobs()).isEqualTo(2); // a still used by c2
    assertThat(store.remove("c2", "p")).isTrue();
    assertThat(store.stats().blobs()).isEqualTo(1);
    assertThatThrownBy(() -> store.getByHash(WasmStore.sha256Hex(a)))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.remove("c2", "p")).isFalse();
    assertThat(store.remove("c", "p")).isTrue();
    assertThat(store.stats().blobs()).isZero();
    assertThat(store.stats().storedBytes()).isZero();
    assertThat(store.check().clean()).isTrue();
  }

  @Test
  void tooLargeIsRefusedBeforeAnythingIsStored() {
    try (WasmStore small = WasmStore.open(dir.resolve("small"), quiet().withMaxModuleBytes(1000))) {
      assertThatThrownBy(() -> small.put("c", "p", "s", "u", new byte[1001]))
          .isInstanceOfSatisfying(
              ModuleTooLargeException.class,
              e -> {
                assertThat(e.length()).isEqualTo(1001);
                assertThat(e.limit()).isEqualTo(1000);
              });
      assertThat(small.stats().blobs()).isZero();
      assertThat(small.list("c")).isEmpty();
      small.put("c", "p", "s", "u", new byte[1000]);
      assertThat(small.stats().blobs()).isEqualTo(1);
    }
    assertThat(StoreConfig.defaults().maxModuleBytes()).isEqualTo(8 << 20);
  }

  @Test
  void badNamesAreRefused() {
    byte[] m = Modules.module(5, 100);
    assertThatThrownBy(() -> store.put("", "p", "s", "u", m)).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> store.put("c", "a\nb", "s", "u", m))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> store.put("c", "x".repeat(201), "s", "u", m))
        .isInstanceOf(InvalidNameException.class);
    assertThat(store.put("c", "dé🎲", null, "u", m).name()).isEqualTo("dé🎲");
    assertThat(store.stats().references()).isEqualTo(1);
  }

  @Test
  void missingThingsAreNotFound() {
    assertThatThrownBy(() -> store.get("c", "nope")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.getByHash("00".repeat(32))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.getByHash("xyz")).isInstanceOf(NotFoundException.class);
    assertThat(store.find("c", "nope")).isEmpty();
    assertThat(store.blobUsage("00".repeat(32))).isEmpty();
  }

  @Test
  void listShowsPlugsByNameWithUploaderAndTime() {
    long before = System.currentTimeMillis();
    store.put("c", "zeta", "s1", "alice", Modules.module(6, 300));
    store.put("c", "alpha", "s1", "bob", Modules.module(7, 400));
    store.put("other", "beta", "s2", "carol", Modules.module(8, 500));
    List<PlugInfo> list = store.list("c");
    assertThat(list).extracting(PlugInfo::name).containsExactly("alpha", "zeta");
    PlugInfo alpha = list.get(0);
    assertThat(alpha.uploadedBy()).isEqualTo("bob");
    assertThat(alpha.server()).isEqualTo("s1");
    assertThat(alpha.length()).isEqualTo(400);
    assertThat(alpha.uploadedAt().toEpochMilli()).isBetween(before, System.currentTimeMillis());
    assertThat(alpha.usage()).isEqualTo(UsageStats.NONE);
    assertThat(store.find("other", "beta")).get().extracting(PlugInfo::uploadedBy).isEqualTo("carol");
  }

  @Test
  void theCallerMayReuseItsArrays() {
    byte[] m = Modules.module(9, 1000);
    byte[] original = m.clone();
    store.put("c", "p", "s", "u", m);
    m[100] ^= 1;
    byte[] got = store.get("c", "p");
    assertThat(got).isEqualTo(original);
    got[100] ^= 1;
    assertThat(store.get("c", "p")).isEqualTo(original);
  }

  @Test
  void dataSurvivesReopen() {
    byte[] m = Modules.module(10, 5000);
    store.put("c", "p", "s", "u", m);
    store.close();
    store = WasmStore.open(dir, quiet());
    assertThat(store.get("c", "p")).isEqualTo(m);
  }

  @Test
  void aCorruptedBlobIsNeverReturnedAndCheckReportsIt() throws Exception {
    byte[] m = Modules.module(11, 30_000);
    store.put("c", "p", "s", "u", m);
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wasm.db"));
        PreparedStatement read = c.prepareStatement("SELECT id, data FROM blobs");
        ResultSet rs = read.executeQuery()) {
      rs.next();
      byte[] data = rs.getBytes(2);
      data[data.length / 2] ^= 0x55;
      try (PreparedStatement w = c.prepareStatement("UPDATE blobs SET data = ? WHERE id = ?")) {
        w.setBytes(1, data);
        w.setLong(2, rs.getLong(1));
        w.executeUpdate();
      }
    }
    store = WasmStore.open(dir, quiet());
    assertThatThrownBy(() -> store.get("c", "p")).isInstanceOf(CorruptBlobException.class);
    CheckReport report = store.check();
    assertThat(report.clean()).isFalse();
    assertThat(report.problems()).anyMatch(p -> p.contains(WasmStore.sha256Hex(m)));
  }

  @Test
  void usageIsCountedInMemoryAndFlushedInBatches() {
    byte[] m = Modules.module(12, 2000);
    String hash = store.put("c", "p", "s", "u", m).hash();
    store.put("c2", "q", "s", "u", m);
    for (int i = 1; i <= 100; i++) store.recordUsage("c", "p", hash, i * 10, i % 10 != 0, 100, 7);
    store.recordUsage("c2", "q", hash, 5, true, 1, 1);
    UsageStats live = store.find("c", "p").orElseThrow().usage();
    assertThat(live.calls()).isEqualTo(100);
    assertThat(live.errors()).isEqualTo(10);
    assertThat(live.totalMicros()).isEqualTo(50_500);
    assertThat(live.recentCalls()).isEqualTo(100);
    assertThat(live.bytesIn()).isEqualTo(10_000);
    assertThat(live.bytesOut()).isEqualTo(700);
    assertThat(live.p50Micros()).isBetween(470L, 530L);
    assertThat(live.p99Micros()).isBetween(930L, 1070L);
    assertThat(live.lastUsed()).isNotNull();

    store.flushUsage();
    assertThat(store.find("c", "p").orElseThrow().usage()).isEqualTo(live);
    store.close();
    store = WasmStore.open(dir, quiet());
    assertThat(store.find("c", "p").orElseThrow().usage()).isEqualTo(live);
    UsageStats blob = store.blobUsage(hash).orElseThrow();
    assertThat(blob.calls()).isEqualTo(101);
    assertThat(blob.bytesIn()).isEqualTo(10_001);
  }

  @Test
  void replacingAPlugWithOtherBytesStartsFreshStatistics() {
    String h1 = store.put("c", "p", "s", "u", Modules.module(13, 2000)).hash();
    store.recordUsage("c", "p", h1, 10, true, 1, 1);
    store.flushUsage();
    String h2 = store.put("c", "p", "s", "u", Modules.module(14, 2000)).hash();
    store.recordUsage("c", "p", h1, 10, true, 1, 1); // a call of the old version, finishing late
    store.flushUsage();
    assertThat(store.find("c", "p").orElseThrow().usage().calls()).isZero();
    store.recordUsage("c", "p", h2, 10, true, 1, 1);
    assertThat(store.find("c", "p").orElseThrow().usage().calls()).isEqualTo(1);
  }

  @Test
  void similarModulesAreStoredAsDeltasAgainstTheSharedLibrary() {
    byte[] library = Modules.module(100, 400_000);
    byte[] first = Modules.linked(library, 1, 3000);
    store.put("c", "p0", "s", "u", first);
    long afterFirst = store.stats().storedBytes();
    for (int i = 1; i < 6; i++) store.put("c", "p" + i, "s", "u", Modules.linked(library, i + 1, 3000));
    StoreStats s = store.stats();
    assertThat(s.deltaBlobs()).isEqualTo(5);
    // five more modules cost about their own small part, not another library each
    assertThat(s.storedBytes() - afterFirst).isLessThan(5 * 4000L);
    for (int i = 1; i < 6; i++) {
      assertThat(store.get("c", "p" + i)).isEqualTo(Modules.linked(library, i + 1, 3000));
    }
    assertThat(store.check().clean()).isTrue();
  }

  @Test
  void aBaseIsKeptForItsDeltasThenReencodedByGc() {
    byte[] library = Modules.module(101, 200_000);
    byte[] base = Modules.linked(library, 1, 2000);
    store.put("c", "base", "s", "u", base);
    for (int i = 0; i < 3; i++) store.put("c", "d" + i, "s", "u", Modules.linked(library, i + 2, 2000));
    assertThat(store.stats().deltaBlobs()).isEqualTo(3);

    store.remove("c", "base");
    StoreStats kept = store.stats();
    assertThat(kept.blobs()).isEqualTo(4); // the base stays: three deltas need it
    assertThat(store.check().clean()).isTrue();
    for (int i = 0; i < 3; i++) assertThat(store.get("c", "d" + i)).isEqualTo(Modules.linked(library, i + 2, 2000));

    GcReport gc = store.gc();
    assertThat(gc.blobsReencoded()).isEqualTo(3);
    assertThat(gc.blobsRemoved()).isEqualTo(1);
    StoreStats after = store.stats();
    assertThat(after.blobs()).isEqualTo(3);
    // one dependent became the new whole base, the other two are deltas against it
    assertThat(after.deltaBlobs()).isEqualTo(2);
    assertThat(store.check().clean()).isTrue();
    for (int i = 0; i < 3; i++) assertThat(store.get("c", "d" + i)).isEqualTo(Modules.linked(library, i + 2, 2000));
    assertThatThrownBy(() -> store.getByHash(WasmStore.sha256Hex(base))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void removingTheLastDeltaAlsoCollectsABaseKeptOnlyForIt() {
    byte[] library = Modules.module(102, 100_000);
    store.put("c", "base", "s", "u", Modules.linked(library, 1, 1000));
    store.put("c", "d", "s", "u", Modules.linked(library, 2, 1000));
    store.remove("c", "base");
    assertThat(store.stats().blobs()).isEqualTo(2);
    store.remove("c", "d");
    assertThat(store.stats().blobs()).isZero();
    assertThat(store.check().clean()).isTrue();
  }

  @Test
  void compactRecompressesAtTheHighLevelAndKeepsEverythingReadable() {
    byte[] library = Modules.module(103, 300_000);
    for (int i = 0; i < 4; i++) store.put("c", "p" + i, "s", "u", Modules.linked(library, i, 5000));
    store.put("c", "alone", "s", "u", Modules.module(104, 100_000));
    long before = store.stats().storedBytes();
    CompactReport r = store.compact();
    assertThat(r.blobsRecompressed()).isPositive();
    assertThat(r.bytesAfter()).isLessThan(r.bytesBefore());
    assertThat(store.stats().storedBytes()).isLessThan(before);
    assertThat(store.compact().blobsRecompressed()).isZero(); // nothing left to do
    for (int i = 0; i < 4; i++) assertThat(store.get("c", "p" + i)).isEqualTo(Modules.linked(library, i, 5000));
    assertThat(store.check().clean()).isTrue();
  }

  @Test
  void smallModulesGetATrainedDictionary() {
    StoreConfig cfg = quiet().withDictionary(16 << 10, 4096, 8);
    try (WasmStore s = WasmStore.open(dir.resolve("dict"), cfg)) {
      for (int i = 0; i < 40; i++) s.put("c", "p" + i, "s", "u", Modules.module(1000 + i, 3000));
      CompactReport r = s.compact();
      assertThat(r.dictionaryTrained()).isTrue();
      StoreStats st = s.stats();
      assertThat(st.dictionaries()).isEqualTo(1);
      assertThat(st.dictionaryBlobs()).isPositive();
      // a new small module right away uses it
      s.put("c", "new", "s", "u", Modules.module(5000, 3000));
      assertThat(s.stats().dictionaryBlobs()).isGreaterThan(st.dictionaryBlobs());
      for (int i = 0; i < 40; i++) assertThat(s.get("c", "p" + i)).isEqualTo(Modules.module(1000 + i, 3000));
      assertThat(s.check().clean()).isTrue();
    }
  }
}
