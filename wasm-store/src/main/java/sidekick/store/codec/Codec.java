package sidekick.store.codec;

/** How a blob's bytes are stored; the number is what the database holds. */
public enum Codec {
  /** A plain zstd frame. */
  ZSTD(1),
  /** A zstd frame compressed against another blob's raw content (like {@code zstd --patch-from}). */
  ZSTD_DELTA(2),
  /** A zstd frame compressed with a trained dictionary. */
  ZSTD_DICT(3);

  private final int id;

  Codec(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static Codec of(int id) {
    for (Codec c : values()) if (c.id == id) return c;
    throw new IllegalArgumentException("unknown codec " + id);
  }
}
