package sidekick.store.maintenance;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.store.GcReport;
import sidekick.store.blob.BlobRow;
import sidekick.store.blob.BlobStore;
import sidekick.store.blob.BlobTable;
import sidekick.store.codec.Codec;
import sidekick.store.codec.Encoded;
import sidekick.store.codec.Sketch;
import sidekick.store.db.Database;

/**
 * Garbage collection. Blobs no plug references are deleted; one that is still the delta base of
 * another blob first has each dependent re-encoded (plain or against another base) in its own
 * transaction, so a crash at any point leaves every blob decodable. Unused dictionaries go too.
 */
public final class Collector {
  private static final Logger log = LoggerFactory.getLogger(Collector.class);

  private final Database db;
  private final BlobStore blobs;

  public Collector(Database db, BlobStore blobs) {
    this.db = db;
    this.blobs = blobs;
  }

  public GcReport run() {
    int removed = 0;
    int reencoded = 0;
    long freed = 0;
    // Pass 1: garbage nothing depends on (a delta's base follows when it was kept only for it).
    for (long id : db.read(BlobTable::unreferenced)) {
      long f = db.write(c -> blobs.collectIfUnused(c, id));
      if (f > 0) {
        removed++;
        freed += f;
      }
    }
    // Pass 2: unreferenced bases of live deltas: move the dependents off, then collect.
    List<Long> bases = db.read(BlobTable::unreferenced);
    Set<Long> dying = new HashSet<>(bases);
    for (long base : bases) {
      if (Thread.currentThread().isInterrupted()) break; // closing
      blobs.index().remove(base);
      long f = 0;
      for (long dependent : db.read(c -> BlobTable.dependents(c, base))) {
        long freedWithIt = reencode(dependent, base, dying);
        if (freedWithIt >= 0) reencoded++;
        if (freedWithIt > 0) f += freedWithIt;
      }
      if (f == 0) f = db.write(c -> blobs.collectIfUnused(c, base));
      if (f > 0) {
        removed++;
        freed += f;
      }
    }
    int dicts = db.write(c -> blobs.dictionaries().deleteUnused(c));
    if (removed + reencoded + dicts > 0) {
      log.info("gc: {} blobs removed, {} re-encoded, {} dictionaries removed, {} bytes freed",
          removed, reencoded, dicts, freed);
    }
    return new GcReport(removed, reencoded, dicts, freed);
  }

  /**
   * Moves one dependent off {@code oldBase}; collects the base in the same transaction once nothing
   * needs it. @return -1 when the blob had changed meanwhile, else the bytes freed (0 or more)
   */
  private long reencode(long id, long oldBase, Set<Long> dying) {
    BlobStore.Loaded loaded = blobs.load(id);
    if (loaded == null || loaded.row().baseId() != oldBase) return -1;
    BlobRow row = loaded.row();
    byte[] raw = loaded.raw();
    Sketch sketch = Sketch.of(raw);
    Set<Long> excluded = new HashSet<>(dying);
    excluded.add(id);
    Encoded e = blobs.encoder().encode(raw, sketch, row.level(), true, excluded);
    return db.write(
        c -> {
          BlobRow now = BlobTable.byId(c, id);
          if (!row.sameModule(now) || now.baseId() != oldBase) return -1L;
          boolean usable = blobs.stillValid(c, e) && !excluded.contains(e.baseId());
          Encoded chosen = usable ? e : plain(raw, row.level());
          BlobTable.updateEncoding(c, id, chosen, 0);
          if (chosen.codec() != Codec.ZSTD_DELTA && BlobTable.references(c, id) > 0) {
            blobs.index().add(id, sketch);
          }
          return blobs.collectIfUnused(c, oldBase); // same transaction: never an orphan between
        });
  }

  private static Encoded plain(byte[] raw, int level) {
    return Encoded.plain(level, sidekick.store.codec.Zstd.compress(raw, level));
  }
}
