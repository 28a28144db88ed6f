package sidekick.core.events;

import com.github.luben.zstd.ZstdDecompressCtx;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import sidekick.core.Event;

/**
 * The stored form of a run of one channel's events: one {@code event_blocks} row holds many events,
 * so a group commit writes one row per channel instead of one per event (a row costs SQLite and
 * sqlite-jdbc several µs of CPU whatever its size; the bytes cost little).
 *
 * <pre>
 * block := FORMAT event+
 * event := seq:int64 at:int64 typeLength:uint16 jsonLength:int32 type:UTF-8 json:UTF-8   (big-endian)
 * </pre>
 *
 * A block may be stored compressed ({@link BlockCompressor}):
 *
 * <pre>
 * stored := block | FORMAT_ZSTD rawLength:int32 zstdFrame(block)
 * </pre>
 *
 * Seqs grow strictly inside a block; the row's {@code first_seq} and {@code last_seq} are its first
 * and last event's. Lengths come first so a reader skips the events it does not want without decoding
 * them. Reading checks every length and seq against the block and the row: damaged data is reported as
 * {@link CorruptBlockException}, never as an event with a wrong seq or a read past the end.
 */
final class EventBlock {
  /** The first byte of every block: the encoding's version. */
  static final byte FORMAT = 1;
  /** The first byte of a compressed block: its raw length, then a zstd frame of the whole block. */
  static final byte FORMAT_ZSTD = 2;
  /**
   * The largest block stored compressed, and so the most a reader ever inflates a stored block to
   * (a damaged length cannot make it allocate more). Far above any block the writer makes (about
   * {@link #MAX_BYTES} plus one event); a larger one is stored as it is.
   */
  static final int MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;
  /** Events in one block at most: a reader asking for one event decodes no more than this. */
  static final int MAX_EVENTS = 256;
  /** A block is closed once it holds this many bytes (one larger event still gets a block alone). */
  static final int MAX_BYTES = 64 * 1024;
  /** seq, at, type length, JSON length. */
  private static final int EVENT_HEADER = 8 + 8 + 2 + 4;
  /** Big-endian int64 in a byte array; also {@link EventBatch}'s, for its directory. */
  static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** Big-endian int32 in a byte array; also {@link BlockCompressor}'s and {@link EventBatch}'s. */
  static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private EventBlock() {}

  /** A block's events could not be read: its row is damaged. */
  static final class CorruptBlockException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptBlockException(String message) {
      super(message);
    }
  }

  /**
   * Builds blocks in one growing buffer, reused from block to block (one per writer thread: not
   * thread-safe). The event's JSON goes in as its UTF-8 bytes, nothing else is copied. The buffer may
   * hold several blocks one after the other ({@link #startBlock()}: an {@link EventBatch}'s sections).
   */
  static final class Encoder {
    private byte[] buf = new byte[16 * 1024];
    private int size;
    /** Where the current block starts in the buffer. */
    private int blockStart;
    private int events;
    private long firstSeq;
    private long lastSeq;

    /** Starts a new block, dropping what the buffer held. */
    void reset() {
      clear();
      startBlock();
    }

    /** Drops what the buffer held; {@link #startBlock()} begins the first block. */
    void clear() {
      size = 0;
      blockStart = 0;
      events = 0;
    }

    /** Starts a new block after the ones in the buffer. */
    void startBlock() {
      blockStart = size;
      events = 0;
      put(FORMAT);
    }

    /** True when the block has reached its limits: the caller takes it and starts another. */
    boolean full() {
      return events >= MAX_EVENTS || size - blockStart >= MAX_BYTES;
    }

    boolean isEmpty() {
      return events == 0;
    }

    /** Adds the channel's next event (seqs must grow). */
    void add(Event e) {
      if (events > 0 && e.seq() <= lastSeq) {
        throw new IllegalArgumentException("event seq " + e.seq() + " after " + lastSeq + " in one block");
      }
      byte[] type = e.type().getBytes(StandardCharsets.UTF_8);
      if (type.length > 0xFFFF) throw new IllegalArgumentException("event type longer than 65535 bytes");
      byte[] json = e.json().getBytes(StandardCharsets.UTF_8);
      ensure(EVENT_HEADER + type.length + json.length);
      putLong(e.seq());
      putLong(e.at().toEpochMilli());
      putShort(type.length);
      putInt(json.length);
      System.arraycopy(type, 0, buf, size, type.length);
      size += type.length;
      System.arraycopy(json, 0, buf, size, json.length);
      size += json.length;
      if (events++ == 0) firstSeq = e.seq();
      lastSeq = e.seq();
    }

    long firstSeq() {
      return firstSeq;
    }

    long lastSeq() {
      return lastSeq;
    }

    int events() {
      return events;
    }

    /** The bytes in the buffer. */
    int size() {
      return size;
    }

    /** Where the current block starts. */
    int blockStart() {
      return blockStart;
    }

    /** Appends bytes after the blocks (an {@link EventBatch}'s directory). */
    void write(byte[] bytes) {
      write(bytes, 0, bytes.length);
    }

    /** Appends {@code bytes[from, from + length)} after the blocks (a whole block copied, or a directory). */
    void write(byte[] bytes, int from, int length) {
      ensure(length);
      System.arraycopy(bytes, from, buf, size, length);
      size += length;
    }

    void writeInt(int v) {
      ensure(4);
      putInt(v);
    }

    void writeLong(long v) {
      ensure(8);
      putLong(v);
    }

    /** The buffer's bytes (a copy: the buffer goes on being used). */
    byte[] toBytes() {
      return Arrays.copyOf(buf, size);
    }

    /** The buffer's bytes as stored: compressed by {@code compressor} when that makes it smaller. */
    byte[] toStored(BlockCompressor compressor) {
      return compressor.pack(buf, size);
    }

    private void ensure(int more) {
      if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    private void put(byte b) {
      ensure(1);
      buf[size++] = b;
    }

    private void putShort(int v) {
      SHORT.set(buf, size, (short) v);
      size += 2;
    }

    private void putInt(int v) {
      INT.set(buf, size, v);
      size += 4;
    }

    private void putLong(long v) {
      LONG.set(buf, size, v);
      size += 8;
    }
  }

  /**
   * Adds to {@code out} the block's events with a seq above {@code after}, oldest first, until
   * {@code out} holds {@code limit} events. Events skipped are not decoded. On damage, the events read
   * before it stay in {@code out} (each checked) and the exception says what is wrong.
   */
  static void decode(String channel, long firstSeq, long lastSeq, byte[] data, long after, int limit, List<Event> out)
      throws CorruptBlockException {
    byte[] block = unpack(data);
    decodeSection(channel, firstSeq, lastSeq, block, 0, block.length, after, limit, out);
  }

  /**
   * A stored block or batch ({@link BlockCompressor}'s output) as plain bytes: inflated when it is
   * compressed, else itself.
   */
  static byte[] unpack(byte[] data) throws CorruptBlockException {
    if (data == null || data.length == 0) throw new CorruptBlockException("empty block");
    return data[0] == FORMAT_ZSTD ? inflate(data) : data;
  }

  /**
   * {@link #decode} of the plain block held in {@code data[start, end)}: an {@link EventBatch}'s
   * section, or a whole block.
   */
  static void decodeSection(String channel, long firstSeq, long lastSeq, byte[] data, int start, int end, long after,
      int limit, List<Event> out) throws CorruptBlockException {
    if (start < 0 || end > data.length || end - start < 1) {
      throw new CorruptBlockException("section " + start + ".." + end + " outside its " + data.length + " bytes");
    }
    if (data[start] != FORMAT) throw new CorruptBlockException("unknown block format " + data[start]);
    int pos = start + 1;
    long previous = Long.MIN_VALUE;
    while (pos < end) {
      if (out.size() >= limit) return;
      if (end - pos < EVENT_HEADER) throw new CorruptBlockException("event header cut at byte " + pos);
      long seq = (long) LONG.get(data, pos);
      long at = (long) LONG.get(data, pos + 8);
      int typeLength = Short.toUnsignedInt((short) SHORT.get(data, pos + 16));
      int jsonLength = (int) INT.get(data, pos + 18);
      pos += EVENT_HEADER;
      if (previous == Long.MIN_VALUE ? seq != firstSeq : seq <= previous) {
        throw new CorruptBlockException("seq " + seq + " out of order at byte " + pos);
      }
      if (seq > lastSeq) throw new CorruptBlockException("seq " + seq + " beyond the block's last " + lastSeq);
      if (jsonLength < 2 || typeLength > end - pos || jsonLength > end - pos - typeLength) {
        throw new CorruptBlockException("event " + seq + " has impossible lengths");
      }
      previous = seq;
      if (seq > after) {
        String type = new String(data, pos, typeLength, StandardCharsets.UTF_8);
        int jsonAt = pos + typeLength;
        if (data[jsonAt] != '{' || data[jsonAt + jsonLength - 1] != '}') {
          throw new CorruptBlockException("event " + seq + " is no JSON object");
        }
        String json = new String(data, jsonAt, jsonLength, StandardCharsets.UTF_8);
        out.add(new Event(channel, seq, type, Instant.ofEpochMilli(at), json));
      }
      pos += typeLength + jsonLength;
    }
    if (previous == Long.MIN_VALUE) throw new CorruptBlockException("block holds no event");
    if (previous != lastSeq) throw new CorruptBlockException("block ends at seq " + previous + ", row says " + lastSeq);
  }

  /** The block inside a {@link #FORMAT_ZSTD} one; it must be a plain block of the length said. */
  private static byte[] inflate(byte[] data) throws CorruptBlockException {
    if (data.length < BlockCompressor.HEADER + 1) throw new CorruptBlockException("compressed block cut");
    int length = (int) INT.get(data, 1);
    if (length < 1 || length > MAX_DECOMPRESSED_BYTES) {
      throw new CorruptBlockException("compressed block of impossible length " + length);
    }
    byte[] raw = new byte[length];
    int got;
    try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
      got = ctx.decompressByteArray(raw, 0, length, data, BlockCompressor.HEADER, data.length - BlockCompressor.HEADER);
    } catch (RuntimeException e) { // zstd's errors on damaged frames
      throw new CorruptBlockException("compressed block unreadable: " + e.getMessage());
    }
    if (got != length) throw new CorruptBlockException("compressed block holds " + got + " bytes, says " + length);
    if (raw[0] != FORMAT) throw new CorruptBlockException("compressed block of format " + raw[0]);
    return raw;
  }
}
