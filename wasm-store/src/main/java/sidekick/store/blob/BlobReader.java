package sidekick.store.blob;

import com.github.luben.zstd.ZstdDictDecompress;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import sidekick.store.CorruptBlobException;
import sidekick.store.cache.ByteBoundedCache;
import sidekick.store.codec.Codec;
import sidekick.store.codec.Sha256;
import sidekick.store.codec.Zstd;

/**
 * Decodes blobs and verifies every result (length and sha256) before anyone sees it. Verified
 * modules go to a byte-bounded cache keyed by their sha256 hex; a cache entry was verified when it
 * was decoded and is never handed out for modification.
 */
public final class BlobReader {
  private final Dictionaries dictionaries;

  public BlobReader(Dictionaries dictionaries) {
    this.dictionaries = dictionaries;
  }

  /** The verified raw bytes of {@code row}; {@code cache} may be null. */
  public byte[] read(Connection c, BlobRow row, ByteBoundedCache<String> cache)
      throws SQLException {
    String hex = row.hex();
    if (cache != null) {
      byte[] hit = cache.get(hex);
      if (hit != null && hit.length == row.length()) return hit;
    }
    byte[] data = BlobTable.data(c, row.id());
    if (data == null) throw new CorruptBlobException("blob " + hex + " vanished while reading");
    if (data.length != row.storedLength()) {
      throw new CorruptBlobException(
          "blob " + hex + " holds " + data.length + " bytes, its row says " + row.storedLength());
    }
    byte[] raw = decode(c, row, data, cache);
    verify(row, raw);
    if (cache != null) cache.put(hex, raw);
    return raw;
  }

  private byte[] decode(Connection c, BlobRow row, byte[] data, ByteBoundedCache<String> cache)
      throws SQLException {
    String hex = row.hex();
    int length = Math.toIntExact(row.length());
    try {
      if (row.codec() == Codec.ZSTD) return Zstd.decompress(data, length, null);
      if (row.codec() == Codec.ZSTD_DELTA) {
        BlobRow base = BlobTable.byId(c, row.baseId());
        if (base == null) throw new CorruptBlobException("blob " + hex + ": its delta base is missing");
        if (base.codec() == Codec.ZSTD_DELTA) {
          throw new CorruptBlobException("blob " + hex + ": its delta base is itself a delta");
        }
        return Zstd.decompress(data, length, read(c, base, cache));
      }
      ZstdDictDecompress dict = dictionaries.decompressor(c, row.dictId());
      if (dict == null) throw new CorruptBlobException("blob " + hex + ": its dictionary is missing");
      return Zstd.decompressWithDictionary(data, length, dict);
    } catch (RuntimeException e) {
      if (e instanceof CorruptBlobException || !Zstd.isDataError(e)) throw e;
      throw new CorruptBlobException("blob " + hex + " does not decode: " + e.getMessage(), e);
    }
  }

  private static void verify(BlobRow row, byte[] raw) {
    if (raw.length != row.length()) {
      throw new CorruptBlobException(
          "blob " + row.hex() + " decodes to " + raw.length + " bytes, expected " + row.length());
    }
    if (!MessageDigest.isEqual(Sha256.digest(raw), row.sha256())) {
      throw new CorruptBlobException("blob " + row.hex() + " fails its sha256 check");
    }
  }
}
