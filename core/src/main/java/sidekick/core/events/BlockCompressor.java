package sidekick.core.events;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.util.Arrays;

/**
 * Stores event blocks zstd-compressed ({@link EventBlock#FORMAT_ZSTD}). A block is one channel's
 * events as JSON that repeats itself (keys, the channel, the user, the time), so a busy channel's
 * block shrinks 8 to 18 times; SQLite's CPU per command is mostly per byte (the pages it writes to
 * the WAL, then copies into the database at the checkpoint), so it shrinks with it, and so does the
 * disk traffic. One context, reused: one compressor per writer thread (not thread-safe).
 */
final class BlockCompressor implements AutoCloseable {
  /**
   * zstd's level: 1 gives nearly all of the size gain on these blocks (level 3 no more) at a fraction
   * of a µs per command.
   */
  static final int LEVEL = 1;
  /**
   * Smaller blocks (a command or two of a quiet channel) are stored as they are: they fit in a
   * database page either way, and a zstd frame costs about 4 µs whatever its size.
   */
  static final int MIN_BYTES = 2 * 1024;
  /** Format byte and raw length before the frame. */
  static final int HEADER = 1 + 4;

  private final ZstdCompressCtx ctx = new ZstdCompressCtx();
  private byte[] out = new byte[16 * 1024];

  BlockCompressor() {
    ctx.setLevel(LEVEL);
  }

  /**
   * The stored form of the {@link EventBlock#FORMAT} block in {@code raw[0, length)}: compressed when
   * that is smaller and the block is between {@link #MIN_BYTES} and {@link
   * EventBlock#MAX_DECOMPRESSED_BYTES}, else the block itself. A new array either way.
   */
  byte[] pack(byte[] raw, int length) {
    if (length < MIN_BYTES || length > EventBlock.MAX_DECOMPRESSED_BYTES) return Arrays.copyOf(raw, length);
    int bound = HEADER + (int) Zstd.compressBound(length);
    if (out.length < bound) out = new byte[Math.max(bound, out.length * 2)];
    int frame = ctx.compressByteArray(out, HEADER, out.length - HEADER, raw, 0, length);
    if (HEADER + frame >= length) return Arrays.copyOf(raw, length); // a frame no smaller is no use
    out[0] = EventBlock.FORMAT_ZSTD;
    EventBlock.INT.set(out, 1, length);
    return Arrays.copyOf(out, HEADER + frame);
  }

  /**
   * The plain length of a stored block or batch: the length its header says when compressed, else
   * its own (a damaged header gives a wrong length, which the reader then reports).
   */
  static int plainLength(byte[] stored) {
    if (stored.length >= HEADER && stored[0] == EventBlock.FORMAT_ZSTD) return (int) EventBlock.INT.get(stored, 1);
    return stored.length;
  }

  @Override
  public void close() {
    ctx.close();
  }
}
