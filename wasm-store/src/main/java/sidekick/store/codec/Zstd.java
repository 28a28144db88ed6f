package sidekick.store.codec;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;

/**
 * zstd encode and decode of one module: plain, as a delta against a base module's raw content, or
 * with a trained dictionary. Frames carry the content size and no checksum (sha256 verifies reads).
 */
public final class Zstd {
  /** The four bytes that would make zstd read a base as a trained dictionary instead of content. */
  private static final int DICT_MAGIC = 0xEC30A437;
  /** Smallest base worth a delta (zstd also treats tiny dictionaries specially). */
  public static final int MIN_BASE_BYTES = 64;
  private static final int MIN_WINDOW_LOG = 10;
  /** zstd decoders accept windows up to 2^27 without extra settings. */
  public static final int MAX_WINDOW_LOG = 27;

  private Zstd() {}

  public static byte[] compress(byte[] raw, int level) {
    try (ZstdCompressCtx ctx = context(level)) {
      return ctx.compress(raw);
    }
  }

  /** True when {@code base} can be loaded as raw content (zstd would parse a dictionary magic). */
  public static boolean usableAsBase(byte[] base) {
    return base.length >= MIN_BASE_BYTES && littleEndianInt(base) != DICT_MAGIC;
  }

  /** Compresses {@code raw} against the raw content of {@code base}, with a window covering both. */
  public static byte[] compressDelta(byte[] raw, byte[] base, int level) {
    if (!usableAsBase(base)) throw new IllegalArgumentException("base cannot be used as content");
    try (ZstdCompressCtx ctx = context(level)) {
      ctx.setWindowLog(windowLog((long) base.length + raw.length));
      ctx.loadDict(base); // no dictionary magic: zstd loads it as raw content (patch-from)
      return ctx.compress(raw);
    }
  }

  public static byte[] compressWithDictionary(byte[] raw, ZstdDictCompress dict, int level) {
    try (ZstdCompressCtx ctx = context(level)) {
      ctx.loadDict(dict);
      return ctx.compress(raw);
    }
  }

  /** Decodes a frame; {@code base} is the delta base's raw content or null. */
  public static byte[] decompress(byte[] data, int length, byte[] base) {
    try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
      if (base != null) ctx.loadDict(base);
      return ctx.decompress(data, length);
    }
  }

  public static byte[] decompressWithDictionary(byte[] data, int length, ZstdDictDecompress dict) {
    try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
      ctx.loadDict(dict);
      return ctx.decompress(data, length);
    }
  }

  /** The smallest window log that holds {@code bytes} (within zstd's decoder default). */
  static int windowLog(long bytes) {
    int log = 64 - Long.numberOfLeadingZeros(Math.max(1, bytes - 1));
    return Math.min(MAX_WINDOW_LOG, Math.max(MIN_WINDOW_LOG, log));
  }

  /** True for errors zstd reports on bad input (as opposed to a bug). */
  public static boolean isDataError(RuntimeException e) {
    return e instanceof ZstdException || e instanceof IllegalArgumentException;
  }

  private static ZstdCompressCtx context(int level) {
    ZstdCompressCtx ctx = new ZstdCompressCtx();
    ctx.setLevel(level);
    ctx.setContentSize(true);
    ctx.setChecksum(false);
    return ctx;
  }

  private static int littleEndianInt(byte[] b) {
    return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
  }
}
