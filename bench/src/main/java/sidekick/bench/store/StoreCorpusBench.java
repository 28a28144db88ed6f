package sidekick.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sidekick.bench.TempDirs;
import sidekick.store.StoreConfig;
import sidekick.store.StoreStats;
import sidekick.store.WasmStore;

/**
 * Size and throughput of the WASM store on the corpus, next to the zstd CLI on the same files:
 * {@code zstd -19} per file and {@code zstd -19 --patch-from} (family: every plug against the
 * first; npm: every file against the first file of the same package, when there is one).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar sidekick.bench.store.StoreCorpusBench}
 * after {@code bench/store/corpus.sh}. Prints a markdown table.
 */
public final class StoreCorpusBench {
  /** esbuild.wasm is 14 MB: above the 8 MiB default, so the bench raises the limit. */
  static final int BENCH_MAX_MODULE_BYTES = 32 << 20;

  private StoreCorpusBench() {}

  record Row(
      String corpus, int files, long raw, long distinct, long upload, long compacted,
      long zstd19, long patchFrom, double writeMBs, double compactMBs, double coldReadMBs,
      double hotReadMBs) {}

  public static void main(String[] args) throws Exception {
    System.out.println("date: " + Instant.now() + ", machine: " + Machine.describe());
    List<Row> rows = new ArrayList<>();
    for (String name : List.of("family", "npm")) rows.add(run(Corpus.load(name)));
    System.out.println();
    System.out.println("| corpus | files | raw bytes | distinct raw | store after upload (level 3) | store after compact | zstd -19 per file | zstd -19 --patch-from | raw / store | store / patch-from | store / zstd-19 | write MB/s | compact MB/s | cold read MB/s | hot read MB/s |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Row r : rows) {
      System.out.printf(
          "| %s | %d | %d | %d | %d | %d | %d | %d | %.1fx | %.3f | %.3f | %.1f | %.1f | %.1f | %.1f |%n",
          r.corpus, r.files, r.raw, r.distinct, r.upload, r.compacted, r.zstd19, r.patchFrom,
          (double) r.raw / r.compacted, (double) r.compacted / r.patchFrom,
          (double) r.compacted / r.zstd19, r.writeMBs, r.compactMBs, r.coldReadMBs, r.hotReadMBs);
    }
  }

  static Row run(Corpus corpus) throws Exception {
    Path dir = Files.createTempDirectory("store-bench-");
    StoreConfig config =
        StoreConfig.defaults()
            .withMaxModuleBytes(BENCH_MAX_MODULE_BYTES)
            .withMaintenanceInterval(Duration.ZERO)
            .withCacheBytes(256L << 20);
    List<byte[]> modules = corpus.files().stream().map(corpus::read).toList();
    long raw = modules.stream().mapToLong(m -> m.length).sum();
    long upload;
    long compacted;
    long distinct;
    double writeMBs;
    double compactMBs;
    double hotMBs;
    try (WasmStore store = WasmStore.open(dir, config)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < modules.size(); i++) {
        store.put("bench", name(corpus.files().get(i)), "s", "u", modules.get(i));
      }
      long t1 = System.nanoTime();
      StoreStats afterUpload = store.stats();
      upload = afterUpload.storedBytes();
      distinct = afterUpload.rawBytes();
      writeMBs = mbs(raw, t1 - t0);
      long t2 = System.nanoTime();
      store.compact();
      compactMBs = mbs(distinct, System.nanoTime() - t2);
      compacted = store.stats().storedBytes();
      hotMBs = readAll(store, corpus, modules); // warms the cache
      hotMBs = readAll(store, corpus, modules);
      dedup(store, modules.get(modules.size() - 1));
      if (!store.check().clean()) throw new IllegalStateException("check failed");
    }
    double coldMBs;
    try (WasmStore cold = WasmStore.open(dir, config.withCacheBytes(0))) {
      coldMBs = readAll(cold, corpus, modules);
    }
    TempDirs.deleteTree(dir);
    long zstd19 = 0;
    long patchFrom = 0;
    Map<String, Path> firstOfPackage = new HashMap<>();
    for (Path p : corpus.files()) {
      long plain = Zstd.size(p, null);
      zstd19 += plain;
      Path base = firstOfPackage.putIfAbsent(Corpus.packageOf(p), p);
      patchFrom += base == null ? plain : Zstd.size(p, base);
    }
    System.out.printf("%s: %d files, raw %d, stored %d after upload, %d after compact%n",
        corpus.name(), modules.size(), raw, upload, compacted);
    return new Row(corpus.name(), modules.size(), raw, distinct, upload, compacted, zstd19,
        patchFrom, writeMBs, compactMBs, coldMBs, hotMBs);
  }

  /** The same module uploaded into 100 more channels: what it costs in bytes and time. */
  private static void dedup(WasmStore store, byte[] module) {
    long before = store.stats().storedBytes();
    long t0 = System.nanoTime();
    for (int i = 0; i < 100; i++) store.put("channel-" + i, "same", "s", "u", module);
    long nanos = System.nanoTime() - t0;
    System.out.printf("dedup: %d-byte module into 100 more channels: +%d stored bytes, %.2f ms per upload%n",
        module.length, store.stats().storedBytes() - before, nanos / 100 / 1e6);
  }

  private static double readAll(WasmStore store, Corpus corpus, List<byte[]> modules) {
    long bytes = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < modules.size(); i++) {
      byte[] got = store.get("bench", name(corpus.files().get(i)));
      bytes += got.length;
      if (!Arrays.equals(got, modules.get(i))) throw new IllegalStateException("read differs");
    }
    return mbs(bytes, System.nanoTime() - t0);
  }

  static String name(Path p) {
    String n = p.getFileName().toString();
    return n.length() <= 200 ? n : n.substring(n.length() - 200);
  }

  private static double mbs(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }
}
