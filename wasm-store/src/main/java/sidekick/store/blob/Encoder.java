package sidekick.store.blob;

import com.github.luben.zstd.ZstdDictCompress;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.store.StoreException;
import sidekick.store.cache.ByteBoundedCache;
import sidekick.store.codec.Codec;
import sidekick.store.codec.Encoded;
import sidekick.store.codec.Sketch;
import sidekick.store.codec.Zstd;
import sidekick.store.db.Database;

/**
 * Picks the smallest encoding of a module: plain zstd, zstd with the current trained dictionary
 * (small modules), or a delta against each of the most similar bases (like
 * {@code zstd --patch-from}).
 */
public final class Encoder {
  private static final Logger log = LoggerFactory.getLogger(Encoder.class);

  private final Database db;
  private final Dictionaries dictionaries;
  private final SketchIndex index;
  private final BlobReader reader;
  private final ByteBoundedCache<String> cache;
  private final int deltaCandidates;
  private final int dictionaryMaxModuleBytes;

  public Encoder(
      Database db,
      Dictionaries dictionaries,
      SketchIndex index,
      BlobReader reader,
      ByteBoundedCache<String> cache,
      int deltaCandidates,
      int dictionaryMaxModuleBytes) {
    this.db = db;
    this.dictionaries = dictionaries;
    this.index = index;
    this.reader = reader;
    this.cache = cache;
    this.deltaCandidates = deltaCandidates;
    this.dictionaryMaxModuleBytes = dictionaryMaxModuleBytes;
  }

  /**
   * The smallest encoding of {@code raw} at {@code level}.
   *
   * @param mayDelta false for a blob other blobs are deltas against (depth stays 1)
   * @param excludedBases bases not to use (the blob itself, blobs about to be collected)
   */
  public Encoded encode(
      byte[] raw, Sketch sketch, int level, boolean mayDelta, Set<Long> excludedBases) {
    Encoded best = Encoded.plain(level, Zstd.compress(raw, level));
    best = best.smaller(withDictionary(raw, level));
    if (!mayDelta || deltaCandidates == 0) return best;
    for (long baseId : index.candidates(sketch, deltaCandidates, excludedBases)) {
      best = best.smaller(delta(raw, baseId, level));
    }
    return best;
  }

  private Encoded withDictionary(byte[] raw, int level) {
    long dictId = dictionaries.currentId();
    if (dictId == 0 || raw.length > dictionaryMaxModuleBytes) return null;
    ZstdDictCompress dict = db.read(c -> dictionaries.compressor(c, dictId, level));
    if (dict == null) return null;
    return Encoded.withDictionary(level, dictId, Zstd.compressWithDictionary(raw, dict, level));
  }

  /** A base's content with the key it was read under (its id may later name another module). */
  private record Base(byte[] sha256, byte[] raw) {}

  private Encoded delta(byte[] raw, long baseId, int level) {
    Base base;
    try {
      base =
          db.read(
              c -> {
                BlobRow row = BlobTable.byId(c, baseId);
                return row == null || row.codec() == Codec.ZSTD_DELTA
                    ? null
                    : new Base(row.sha256(), reader.read(c, row, cache));
              });
    } catch (StoreException e) {
      log.warn("delta base {} unreadable, not used: {}", baseId, e.getMessage());
      base = null;
    }
    if (base == null || !Zstd.usableAsBase(base.raw())) {
      index.remove(baseId);
      return null;
    }
    return Encoded.delta(
        level, baseId, base.sha256(), Zstd.compressDelta(raw, base.raw(), level));
  }
}
