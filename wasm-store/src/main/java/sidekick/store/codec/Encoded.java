package sidekick.store.codec;

/**
 * One encoding of a module: the stored bytes and what is needed to decode them.
 *
 * @param codec how it is stored
 * @param level the zstd level it was compressed at
 * @param baseId the blob it is a delta against (ZSTD_DELTA), else 0
 * @param baseSha256 the sha256 of that base's content (ZSTD_DELTA), else null: in memory only, to
 *     check before linking that {@code baseId} still names the module the delta was made against
 * @param dictId the trained dictionary (ZSTD_DICT), else 0
 * @param data the stored bytes
 */
public record Encoded(
    Codec codec, int level, long baseId, byte[] baseSha256, long dictId, byte[] data) {
  public static Encoded plain(int level, byte[] data) {
    return new Encoded(Codec.ZSTD, level, 0, null, 0, data);
  }

  public static Encoded delta(int level, long baseId, byte[] baseSha256, byte[] data) {
    return new Encoded(Codec.ZSTD_DELTA, level, baseId, baseSha256.clone(), 0, data);
  }

  public static Encoded withDictionary(int level, long dictId, byte[] data) {
    return new Encoded(Codec.ZSTD_DICT, level, 0, null, dictId, data);
  }

  /** The smaller of two encodings (this one on a tie). */
  public Encoded smaller(Encoded other) {
    return other != null && other.data.length < data.length ? other : this;
  }
}
