package sidekick.store;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import sidekick.store.blob.BlobReader;
import sidekick.store.blob.BlobRow;
import sidekick.store.blob.BlobStore;
import sidekick.store.blob.BlobTable;
import sidekick.store.blob.Dictionaries;
import sidekick.store.blob.Encoder;
import sidekick.store.blob.SketchIndex;
import sidekick.store.cache.ByteBoundedCache;
import sidekick.store.codec.Sha256;
import sidekick.store.db.Database;
import sidekick.store.maintenance.Checker;
import sidekick.store.maintenance.Collector;
import sidekick.store.maintenance.Compactor;
import sidekick.store.maintenance.DictionaryTrainer;
import sidekick.store.maintenance.Maintenance;
import sidekick.store.maintenance.UsageFlusher;
import sidekick.store.plug.Names;
import sidekick.store.plug.PlugRow;
import sidekick.store.plug.PlugTable;
import sidekick.store.usage.UsageCounter;
import sidekick.store.usage.UsageRecorder;
import sidekick.store.usage.UsageTable;

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

  private final StoreConfig config;
  private final Database db;
  private final BlobStore blobs;
  private final UsageRecorder usage;
  private final UsageFlusher flusher;
  private final Collector collector;
  private final Compactor compactor;
  private final Checker checker;
  private final Maintenance maintenance;
  private final LongSupplier clock = System::currentTimeMillis;
  private final Object closeLock = new Object();
  private boolean closed;

  private WasmStore(Path dataDir, StoreConfig config) {
    this.config = config;
    this.db =
        Database.open(dataDir.resolve(DB_FILE), config.readConnections(), config.busyTimeout());
    Dictionaries dictionaries = new Dictionaries();
    SketchIndex index = new SketchIndex();
    db.read(
        c -> {
          dictionaries.refresh(c);
          index.load(c);
          return null;
        });
    ByteBoundedCache<String> cache = new ByteBoundedCache<>(config.cacheBytes());
    BlobReader reader = new BlobReader(dictionaries);
    Encoder encoder =
        new Encoder(db, dictionaries, index, reader, cache, config.deltaCandidates(),
            config.dictionaryMaxModuleBytes());
    this.blobs = new BlobStore(db, reader, encoder, index, dictionaries, cache, clock);
    this.usage = new UsageRecorder(clock);
    this.flusher = new UsageFlusher(db, usage, config.recentWindow().toMillis());
    this.collector = new Collector(db, blobs);
    DictionaryTrainer trainer =
        new DictionaryTrainer(db, blobs, config.dictionaryMaxModuleBytes(),
            config.dictionaryBytes(), config.dictionaryMinSamples(), clock);
    this.compactor = new Compactor(db, blobs, trainer, config.compactLevel(), clock);
    this.checker = new Checker(db, reader);
    this.maintenance =
        new Maintenance(flusher, config.usageFlushInterval(), this::backgroundMaintenance,
            config.maintenanceInterval());
  }

  /** Opens (creating or migrating as needed) the store in {@code dataDir} with default limits. */
  public static WasmStore open(Path dataDir) {
    return open(dataDir, StoreConfig.defaults());
  }

  /** Opens (creating or migrating as needed) the store in {@code dataDir}. */
  public static WasmStore open(Path dataDir, StoreConfig config) {
    return new WasmStore(Objects.requireNonNull(dataDir), Objects.requireNonNull(config));
  }

  public StoreConfig config() {
    return config;
  }

  /**
   * Stores {@code module} as plug {@code name} of {@code channel}, replacing any plug of that name,
   * in one transaction. Identical bytes anywhere in the store are kept once. The size limit is
   * checked before anything else; the bytes are not validated as WebAssembly (the caller compiles).
   */
  public PutResult put(String channel, String name, String server, String user, byte[] module) {
    Objects.requireNonNull(module, "module");
    if (module.length > config.maxModuleBytes()) {
      throw new ModuleTooLargeException(module.length, config.maxModuleBytes());
    }
    PlugRow plugTemplate =
        new PlugRow(
            Names.required("channel", channel, config.maxNameBytes()),
            Names.required("plug name", name, config.maxNameBytes()),
            Names.optional("server", server, config.maxNameBytes()),
            Names.required("user", user, config.maxNameBytes()),
            0,
            module.length,
            null);
    byte[] copy = module.clone(); // the caller may reuse its array; the cache keeps ours
    BlobStore.Prepared prepared = blobs.prepare(copy, config.uploadLevel());
    return db.write(
        c -> {
          PlugRow old = PlugTable.find(c, channel, name);
          BlobStore.Linked linked = blobs.link(c, prepared, config.uploadLevel());
          PlugTable.upsert(
              c,
              new PlugRow(plugTemplate.channel(), plugTemplate.name(), plugTemplate.server(),
                  plugTemplate.uploadedBy(), clock.getAsLong(), copy.length, prepared.sha256()));
          if (old != null && !sameBlob(old, prepared)) {
            UsageTable.deletePlug(c, channel, name); // a new module starts new statistics
            BlobRow oldBlob = BlobTable.byKey(c, old.sha256(), old.length());
            if (oldBlob != null) blobs.collectIfUnused(c, oldBlob.id());
          }
          return new PutResult(
              name,
              prepared.hex(),
              copy.length,
              old != null,
              old == null ? null : old.hex(),
              linked.inserted());
        });
  }

  /** The verified bytes of a channel's plug. @throws NotFoundException when there is no such plug */
  public byte[] get(String channel, String name) {
    byte[] raw =
        db.read(
            c -> {
              PlugRow plug = PlugTable.find(c, channel, name);
              if (plug == null) {
                throw new NotFoundException("no plug '" + name + "' in channel '" + channel + "'");
              }
              BlobRow row = BlobTable.byKey(c, plug.sha256(), plug.length());
              if (row == null) {
                throw new CorruptBlobException(
                    "plug '" + name + "' links to missing blob " + plug.hex());
              }
              return blobs.read(c, row);
            });
    return raw.clone();
  }

  /** The verified bytes of the blob with this sha256 (hex). @throws NotFoundException if absent */
  public byte[] getByHash(String sha256Hex) {
    byte[] sha = Sha256.parseHex(sha256Hex);
    if (sha == null) throw new NotFoundException("'" + sha256Hex + "' is not a sha256 hex hash");
    byte[] raw =
        db.read(
            c -> {
              BlobRow row = BlobTable.bySha(c, sha);
              if (row == null) throw new NotFoundException("no module with hash " + sha256Hex);
              return blobs.read(c, row);
            });
    return raw.clone();
  }

  /** A channel's plug without its bytes, or empty. */
  public Optional<PlugInfo> find(String channel, String name) {
    Objects.requireNonNull(name, "name");
    return plugs(channel, name).stream().findFirst();
  }

  /** A channel's plugs ordered by name, with uploader, upload time and usage statistics. */
  public List<PlugInfo> list(String channel) {
    return plugs(channel, null);
  }

  /** Removes a plug; its blob is collected when nothing references it. @return false if absent */
  public boolean remove(String channel, String name) {
    return db.write(
        c -> {
          PlugRow old = PlugTable.find(c, channel, name);
          if (old == null) return false;
          PlugTable.delete(c, channel, name);
          UsageTable.deletePlug(c, channel, name);
          BlobRow oldBlob = BlobTable.byKey(c, old.sha256(), old.length());
          if (oldBlob != null) blobs.collectIfUnused(c, oldBlob.id());
          return true;
        });
  }

  /**
   * Records one call of a plug. Cheap (no I/O, no lock shared with readers): counted in memory and
   * written in batches ({@link StoreConfig#usageFlushInterval()}). {@code hash} is the sha256 hex of
   * the module that ran (the plug may have been replaced since).
   */
  public void recordUsage(
      String channel, String name, String hash, long micros, boolean ok, long bytesIn,
      long bytesOut) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hash, "hash");
    usage.record(channel, name, hash.toLowerCase(java.util.Locale.ROOT), micros, ok, bytesIn, bytesOut);
    if (usage.pendingCount() >= config.usageFlushPending()) maintenance.requestFlush();
  }

  /** Writes recorded usage to the database now (also done on close). */
  public void flushUsage() {
    flusher.flush();
  }

  /** Usage of a blob summed over every plug that ran it, or empty when no such blob. */
  public Optional<UsageStats> blobUsage(String sha256Hex) {
    byte[] sha = Sha256.parseHex(sha256Hex);
    if (sha == null) return Optional.empty();
    String hex = Sha256.hex(sha);
    UsageCounter stored =
        db.read(
            c -> {
              BlobRow row = BlobTable.bySha(c, sha);
              return row == null ? null : UsageTable.readBlob(c, row.id());
            });
    if (stored == null) return Optional.empty();
    stored.absorb(usage.pendingForHash(hex));
    return Optional.of(stored.toStats(clock.getAsLong(), config.recentWindow().toMillis()));
  }

  public StoreStats stats() {
    return db.read(
        c -> {
          try (Statement s = c.createStatement()) {
            long[] b = longs(s, "SELECT count(*), coalesce(sum(length), 0),"
                + " coalesce(sum(stored_length), 0), coalesce(sum(codec = 2), 0),"
                + " coalesce(sum(codec = 3), 0) FROM blobs", 5);
            long[] p = longs(s, "SELECT count(*), coalesce(sum(length), 0) FROM plugs", 2);
            long[] d = longs(s,
                "SELECT count(*), coalesce(sum(length(data)), 0) FROM dictionaries", 2);
            return new StoreStats(b[0], p[0], b[1], b[2] + d[1], p[1], b[3], b[4], d[0],
                blobs.cache().bytes());
          }
        });
  }

  /** Decodes and verifies every blob, every plug link, every delta base and dictionary. */
  public CheckReport check() {
    return checker.run();
  }

  /**
   * Collects blobs no plug references; a blob still used as a delta base has its dependents
   * re-encoded first. Also drops dictionaries no blob uses.
   */
  public GcReport gc() {
    return collector.run();
  }

  /**
   * Recompresses every blob below {@link StoreConfig#compactLevel()} at that level (and retrains the
   * dictionary when due). The background job does the same for cold blobs only.
   */
  public CompactReport compact() {
    return compactor.run(-1);
  }

  /** Flushes usage, stops the background job and closes the database. Idempotent. */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) return;
      closed = true;
    }
    maintenance.close();
    try {
      flusher.flush();
    } finally {
      db.close();
    }
  }

  /** Lowercase hex sha256 of {@code bytes}, as {@link PutResult#hash()} gives it. */
  public static String sha256Hex(byte[] bytes) {
    return Sha256.hex(Sha256.digest(bytes));
  }

  private void backgroundMaintenance() {
    db.read(
        c -> {
          blobs.dictionaries().refresh(c); // another process may have trained one
          blobs.index().load(c);
          return null;
        });
    collector.run();
    compactor.run(config.coldAfter().toMillis());
  }

  private List<PlugInfo> plugs(String channel, String name) {
    Objects.requireNonNull(channel, "channel");
    long now = clock.getAsLong();
    long window = config.recentWindow().toMillis();
    List<PlugTable.WithUsage> rows = db.read(c -> PlugTable.listWithUsage(c, channel, name));
    List<PlugInfo> out = new ArrayList<>(rows.size());
    for (PlugTable.WithUsage r : rows) {
      PlugRow p = r.plug();
      UsageCounter u = r.usage();
      UsageCounter pending = usage.pending(p.channel(), p.name(), p.hex());
      if (pending != null) u.absorb(pending);
      out.add(
          new PlugInfo(p.channel(), p.name(), p.server(), p.hex(), p.length(), p.uploadedBy(),
              java.time.Instant.ofEpochMilli(p.uploadedAt()), u.toStats(now, window)));
    }
    return out;
  }

  private static boolean sameBlob(PlugRow old, BlobStore.Prepared p) {
    return old.length() == p.length() && Arrays.equals(old.sha256(), p.sha256());
  }

  private static long[] longs(Statement s, String sql, int n) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      long[] out = new long[n];
      if (rs.next()) for (int i = 0; i < n; i++) out[i] = rs.getLong(i + 1);
      return out;
    }
  }
}
