package sidekick.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import sidekick.bench.TempDirs;
import sidekick.store.StoreConfig;
import sidekick.store.WasmStore;

/**
 * Read latency of the WASM store: a hot read (module in the in-memory cache) and cold reads (the
 * cache disabled: SQLite row, zstd decode, length + sha256 check), next to baselines in the same
 * run: reading the raw file and decompressing the same zstd frame in memory.
 *
 * <p>Targets: hot read under 1 ms, cold 2 MB read under 20 ms. Modules: the first 2 MiB of
 * esbuild.wasm (stored whole) and a 1.6 MB plug of the generated family (stored as a delta, so a
 * cold read decodes its base too). Needs bench/store/corpus.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "-Xmx1g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StoreReadBench {
  static final int TWO_MIB = 2 << 20;

  Path dir;
  Path rawFile;
  WasmStore hot;
  WasmStore cold;
  byte[] frame2m;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path root = Corpus.root();
    byte[] esbuild = Files.readAllBytes(root.resolve("npm/esbuild-wasm_0.28.2__esbuild.wasm"));
    byte[] twoMiB = Arrays.copyOf(esbuild, TWO_MIB);
    dir = Files.createTempDirectory("store-read-bench-");
    rawFile = dir.resolve("two-mib.wasm");
    Files.write(rawFile, twoMiB);
    StoreConfig config = StoreConfig.defaults().withMaintenanceInterval(Duration.ZERO);
    hot = WasmStore.open(dir, config);
    hot.put("bench", "esbuild-2mib", "s", "u", twoMiB);
    hot.put("bench", "family0", "s", "u", Files.readAllBytes(root.resolve("family/plug0.wasm")));
    hot.put("bench", "family1", "s", "u", Files.readAllBytes(root.resolve("family/plug1.wasm")));
    hot.compact(); // cold blobs are stored at the high level
    if (hot.stats().deltaBlobs() != 1) throw new IllegalStateException("family1 is not a delta");
    cold = WasmStore.open(dir, config.withCacheBytes(0));
    frame2m = com.github.luben.zstd.Zstd.compress(twoMiB, 19);
    hot.get("bench", "family1");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    hot.close();
    cold.close();
    TempDirs.deleteTree(dir);
  }

  /** The server's path: a read-only view of the cached module, no copy. */
  @Benchmark
  public java.nio.ByteBuffer hotReadFamilyModule() {
    return hot.getBuffer("bench", "family1");
  }

  /** The same with a private copy of the 1.6 MB (allocation and memcpy dominate). */
  @Benchmark
  public byte[] hotReadFamilyModuleCopy() {
    return hot.get("bench", "family1");
  }

  @Benchmark
  public byte[] coldRead2MiB() {
    return cold.get("bench", "esbuild-2mib");
  }

  @Benchmark
  public byte[] coldReadFamilyDelta() {
    return cold.get("bench", "family1");
  }

  @Benchmark
  public byte[] baselineReadRawFile2MiB() throws IOException {
    return Files.readAllBytes(rawFile);
  }

  @Benchmark
  public byte[] baselineZstdDecompress2MiB() {
    return com.github.luben.zstd.Zstd.decompress(frame2m, TWO_MIB);
  }
}
