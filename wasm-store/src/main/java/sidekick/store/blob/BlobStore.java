package sidekick.store.blob;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import sidekick.store.StoreException;
import sidekick.store.cache.ByteBoundedCache;
import sidekick.store.codec.Codec;
import sidekick.store.codec.Encoded;
import sidekick.store.codec.Sha256;
import sidekick.store.codec.Sketch;
import sidekick.store.db.Database;

/**
 * Blob-level operations: prepare a new module (hash, sketch, encode outside any lock), link it in a
 * write transaction (deduplicated by length and sha256), read it verified, and collect blobs nothing
 * needs. Concurrent uploads of the same bytes in this process share one encoding.
 */
public final class BlobStore {
  /** A module ready to be linked: its key, sketch and (for a new blob) its encoding. */
  public record Prepared(byte[] sha256, long length, Sketch sketch, Encoded encoded, byte[] raw) {
    public String hex() {
      return Sha256.hex(sha256);
    }
  }

  /** The result of linking: the blob's row id and whether it was inserted now. */
  public record Linked(long id, boolean inserted) {}

  private final Database db;
  private final BlobReader reader;
  private final Encoder encoder;
  private final SketchIndex index;
  private final Dictionaries dictionaries;
  private final ByteBoundedCache<String> cache;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, CompletableFuture<Encoded>> inFlight =
      new ConcurrentHashMap<>();

  public BlobStore(
      Database db,
      BlobReader reader,
      Encoder encoder,
      SketchIndex index,
      Dictionaries dictionaries,
      ByteBoundedCache<String> cache,
      LongSupplier clock) {
    this.db = db;
    this.reader = reader;
    this.encoder = encoder;
    this.index = index;
    this.dictionaries = dictionaries;
    this.cache = cache;
    this.clock = clock;
  }

  /** Hashes and, when the blob is new, encodes {@code raw} at {@code level}. No lock held. */
  public Prepared prepare(byte[] raw, int level) {
    byte[] sha = Sha256.digest(raw);
    boolean exists = db.read(c -> BlobTable.byKey(c, sha, raw.length) != null);
    if (exists) return new Prepared(sha, raw.length, null, null, raw);
    Sketch sketch = Sketch.of(raw);
    String hex = Sha256.hex(sha);
    CompletableFuture<Encoded> mine = new CompletableFuture<>();
    CompletableFuture<Encoded> running = inFlight.putIfAbsent(hex, mine);
    if (running != null) return new Prepared(sha, raw.length, sketch, await(running), raw);
    try {
      Encoded e = encoder.encode(raw, sketch, level, true, Set.of());
      mine.complete(e);
      return new Prepared(sha, raw.length, sketch, e, raw);
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(hex, mine);
    }
  }

  /**
   * Finds or inserts the blob of {@code p}, inside the caller's write transaction. A base or
   * dictionary that disappeared since encoding makes it fall back to plain zstd.
   */
  public Linked link(Connection c, Prepared p, int level) throws SQLException {
    BlobRow existing = BlobTable.byKey(c, p.sha256(), p.length());
    if (existing != null) {
      if (existing.codec() != Codec.ZSTD_DELTA && existing.length() >= 64) {
        index.add(existing.id(), p.sketch() != null ? p.sketch() : Sketch.of(p.raw()));
      }
      return new Linked(existing.id(), false);
    }
    Sketch sketch = p.sketch() != null ? p.sketch() : Sketch.of(p.raw());
    Encoded e = p.encoded();
    if (e == null || !stillValid(c, e)) e = encoder.encode(p.raw(), sketch, level, false, Set.of());
    long id = BlobTable.insert(c, p.length(), p.sha256(), e, sketch.toBytes(), clock.getAsLong());
    if (e.codec() != Codec.ZSTD_DELTA && p.length() >= 64) index.add(id, sketch);
    cache.put(p.hex(), p.raw());
    return new Linked(id, true);
  }

  /** True when the base or dictionary an encoding needs is still there and fit for it. */
  public boolean stillValid(Connection c, Encoded e) throws SQLException {
    if (e.codec() == Codec.ZSTD_DELTA) {
      BlobRow base = BlobTable.byId(c, e.baseId());
      // Same id is not enough: SQLite gives a deleted largest id to the next insert (no
      // AUTOINCREMENT), so between encoding and this transaction the id may have come to name
      // another module, and the delta would decode against the wrong bytes. Compare the content.
      return base != null
          && base.codec() != Codec.ZSTD_DELTA
          && Arrays.equals(base.sha256(), e.baseSha256());
    }
    if (e.codec() == Codec.ZSTD_DICT) return Dictionaries.bytes(c, e.dictId()) != null;
    return true;
  }

  /** Verified raw bytes of a blob through the hot cache. */
  public byte[] read(Connection c, BlobRow row) throws SQLException {
    return reader.read(c, row, cache);
  }

  /** A blob's row with its verified raw bytes. */
  public record Loaded(BlobRow row, byte[] raw) {}

  /**
   * The row and the bytes of blob {@code id} read in one snapshot (so the bytes are decoded with the
   * encoding they are stored in), or null when there is no such blob.
   */
  public Loaded load(long id) {
    return db.read(
        c -> {
          BlobRow row = BlobTable.byId(c, id);
          return row == null ? null : new Loaded(row, read(c, row));
        });
  }

  /**
   * Inside a write transaction: deletes the blob if no plug references it and no blob is a delta
   * against it; then does the same for its base, which may have been kept only for it. A blob kept
   * for its dependents leaves the base index so no new delta is made against it; gc re-encodes the
   * dependents later.
   *
   * @return stored bytes freed
   */
  public long collectIfUnused(Connection c, long id) throws SQLException {
    BlobRow row = BlobTable.byId(c, id);
    if (row == null || BlobTable.references(c, id) > 0) return 0;
    index.remove(id);
    if (!BlobTable.dependents(c, id).isEmpty()) return 0;
    BlobTable.delete(c, id);
    cache.remove(row.hex());
    long freed = row.storedLength();
    if (row.codec() == Codec.ZSTD_DELTA) freed += collectIfUnused(c, row.baseId());
    return freed;
  }

  public SketchIndex index() {
    return index;
  }

  public Dictionaries dictionaries() {
    return dictionaries;
  }

  public Encoder encoder() {
    return encoder;
  }

  public BlobReader reader() {
    return reader;
  }

  public ByteBoundedCache<String> cache() {
    return cache;
  }

  private static Encoded await(CompletableFuture<Encoded> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while another upload encoded the same module", e);
    } catch (ExecutionException e) {
      throw new StoreException("encoding failed: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
