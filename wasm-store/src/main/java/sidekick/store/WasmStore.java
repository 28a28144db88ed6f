package sidekick.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Content-addressed, deduplicated, delta-compressed storage of WebAssembly plugs in
 * {@code DATA/wasm.db} (SQLite, WAL).
 *
 * <p>Thread-safe: one instance per data directory per process, shared by every thread. Writes are
 * serialised on one connection; reads use a pool of read connections and never wait for a writer.
 * Several processes may open the same directory (the CLI next to a running server); SQLite's locks
 * keep them consistent.
 *
 * <p>Errors: {@link ModuleTooLargeException} (413), {@link InvalidNameException} (400), {@link
 * NotFoundException} (404), {@link CorruptBlobException} and any other {@link StoreException} (500).
 */
public final class WasmStore implements AutoCloseable {
  /** File name of the database inside the data directory. */
  public static final String DB_FILE = "wasm.db";

  private WasmStore() {}

  /** Opens (creating or migrating as needed) the store in {@code dataDir} with default limits. */
  public static WasmStore open(Path dataDir) {
    return open(dataDir, StoreConfig.defaults());
  }

  /** Opens (creating or migrating as needed) the store in {@code dataDir}. */
  public static WasmStore open(Path dataDir, StoreConfig config) {
    throw new UnsupportedOperationException("not built yet");
  }

  public StoreConfig config() {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Stores {@code module} as plug {@code name} of {@code channel}, replacing any plug of that name,
   * in one transaction. Identical bytes anywhere in the store are kept once. The size limit is
   * checked before anything else; the bytes are not validated as WebAssembly (the caller compiles).
   */
  public PutResult put(String channel, String name, String server, String user, byte[] module) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The verified bytes of a channel's plug. @throws NotFoundException when there is no such plug */
  public byte[] get(String channel, String name) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The verified bytes of the blob with this sha256 (hex). @throws NotFoundException if absent */
  public byte[] getByHash(String sha256Hex) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** A channel's plug without its bytes, or empty. */
  public Optional<PlugInfo> find(String channel, String name) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** A channel's plugs ordered by name, with uploader, upload time and usage statistics. */
  public List<PlugInfo> list(String channel) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Removes a plug; its blob is collected when nothing references it. @return false if absent */
  public boolean remove(String channel, String name) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Records one call of a plug. Cheap (no I/O, no lock shared with readers): counted in memory and
   * written in batches ({@link StoreConfig#usageFlushInterval()}). {@code hash} is the sha256 hex of
   * the module that ran (the plug may have been replaced since).
   */
  public void recordUsage(
      String channel, String name, String hash, long micros, boolean ok, long bytesIn,
      long bytesOut) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Writes recorded usage to the database now (also done on close). */
  public void flushUsage() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Usage of a blob summed over every plug that ran it, or empty when no such blob. */
  public Optional<UsageStats> blobUsage(String sha256Hex) {
    throw new UnsupportedOperationException("not built yet");
  }

  public StoreStats stats() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Decodes and verifies every blob, every plug link, every delta base and dictionary. */
  public CheckReport check() {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Collects blobs no plug references; a blob still used as a delta base has its dependents
   * re-encoded first. Also drops dictionaries no blob uses.
   */
  public GcReport gc() {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Recompresses every blob below {@link StoreConfig#compactLevel()} at that level (and retrains the
   * dictionary when due). The background job does the same for cold blobs only.
   */
  public CompactReport compact() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Flushes usage, stops the background job and closes the database. Idempotent. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Lowercase hex sha256 of {@code bytes}, as {@link PutResult#hash()} gives it. */
  public static String sha256Hex(byte[] bytes) {
    throw new UnsupportedOperationException("not built yet");
  }
}
