package sidekick.store.codec;

/**
 * One encoding of a module: the stored bytes and what is needed to decode them.
 *
 * @param codec how it is stored
 * @param level the zstd level it was compressed at
 * @param baseId the blob it is a delta against (ZSTD_DELTA), else 0
 * @param dictId the trained dictionary (ZSTD_DICT), else 0
 * @param data the stored bytes
 */
public record Encoded(Codec codec, int level, long baseId, long dictId, byte[] data) {
  /** The smaller of two encodings (this one on a tie). */
  public Encoded smaller(Encoded other) {
    return other != null && other.data.length < data.length ? other : this;
  }
}
