package sidekick.core.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import sidekick.core.Event;

/**
 * The stored form of a group commit: the events of all its channels in one {@code event_batches} row,
 * compressed together ({@link BlockCompressor}), one {@link EventBlock} section per channel run, then
 * a directory of the sections.
 *
 * <pre>
 * batch     := section+ directory count:int32 directoryStart:int32 MAGIC:int32   (big-endian)
 * section   := a plain EventBlock (FORMAT event+)
 * directory := (channelLength:int32 channel:UTF-8 firstSeq:int64 lastSeq:int64 start:int32 length:int32)*
 * stored    := batch | FORMAT_ZSTD rawLength:int32 zstdFrame(batch)
 * </pre>
 *
 * Readers find a section through its {@code event_index} row (channel, seq range, byte range), so they
 * never parse the directory; it is read only for the batches whose index rows are not written yet
 * (the index is written every few commits, {@link EventBatchTable}), when the log opens after a crash.
 * A batch is closed at {@link #MAX_BYTES} (one section may pass it), so a reader asking for one
 * channel's events never inflates much more than that per batch.
 */
final class EventBatch {
  /** A batch is closed once its sections hold this many bytes (a section of more still gets one alone). */
  static final int MAX_BYTES = 64 * 1024;
  /** The last four bytes of every batch with a directory ("EvB1"). */
  static final int MAGIC = 0x45764231;
  private static final int TRAILER = 4 + 4 + 4;
  private static final int ENTRY_FIXED = 4 + 8 + 8 + 4 + 4;

  /** One channel's run inside a batch: the {@code event_index} row that finds it. */
  record Section(String channel, long firstSeq, long lastSeq, int start, int length) {}

  /** A section and the batch holding it. */
  record Placed(long batch, Section section) {}

  private EventBatch() {}

  /**
   * Builds a batch in one encoder's buffer, its sections one after the other, reused (one per writer
   * thread: not thread-safe).
   */
  static final class Builder {
    private final EventBlock.Encoder encoder = new EventBlock.Encoder();
    private final List<Section> sections = new ArrayList<>();
    /** The channel of the section being written, null when none is. */
    private String channel;

    /** Drops what the builder held. */
    void reset() {
      encoder.clear();
      sections.clear();
      channel = null;
    }

    boolean isEmpty() {
      return sections.isEmpty() && channel == null;
    }

    /** True when the batch has reached its size: the caller takes it and starts another. */
    boolean full() {
      return encoder.size() >= MAX_BYTES;
    }

    /**
     * Adds the next event of a channel's run (seqs must grow); a run full of a block's limits goes on
     * in a new section. Call {@link #endRun()} after each run.
     */
    void add(Event e) {
      if (channel != null && encoder.full()) endRun();
      if (channel == null) {
        encoder.startBlock();
        channel = e.channel();
      }
      encoder.add(e);
    }

    /**
     * Adds a section of another batch as it is: the plain block in {@code plain[start, start + length)},
     * its events {@code firstSeq..lastSeq} of {@code channel} (a compaction's copy: no event is decoded).
     */
    void addSection(String channel, long firstSeq, long lastSeq, byte[] plain, int start, int length) {
      endRun();
      int at = encoder.size();
      encoder.write(plain, start, length);
      sections.add(new Section(channel, firstSeq, lastSeq, at, length));
    }

    /** Closes the section being written, if any. */
    void endRun() {
      if (channel == null) return;
      int start = encoder.blockStart();
      sections.add(new Section(channel, encoder.firstSeq(), encoder.lastSeq(), start, encoder.size() - start));
      channel = null;
    }

    /** The batch's sections (after {@link #toStored}: every one). */
    List<Section> sections() {
      return sections;
    }

    /**
     * Closes the section being written, appends the directory and returns the batch as stored:
     * compressed by {@code compressor} when that makes it smaller. Then {@link #reset()} it.
     */
    byte[] toStored(BlockCompressor compressor) {
      endRun();
      int directoryStart = encoder.size();
      for (Section x : sections) {
        byte[] name = x.channel().getBytes(StandardCharsets.UTF_8);
        encoder.writeInt(name.length);
        encoder.write(name);
        encoder.writeLong(x.firstSeq());
        encoder.writeLong(x.lastSeq());
        encoder.writeInt(x.start());
        encoder.writeInt(x.length());
      }
      encoder.writeInt(sections.size());
      encoder.writeInt(directoryStart);
      encoder.writeInt(MAGIC);
      return encoder.toStored(compressor);
    }
  }

  /** The sections a plain batch's directory lists; damage (a bad length, a section outside) is reported. */
  static List<Section> directory(byte[] batch) throws EventBlock.CorruptBlockException {
    int n = batch.length;
    if (n < 1 + TRAILER || (int) EventBlock.INT.get(batch, n - 4) != MAGIC) {
      throw new EventBlock.CorruptBlockException("batch has no directory");
    }
    int count = (int) EventBlock.INT.get(batch, n - TRAILER);
    int directoryStart = (int) EventBlock.INT.get(batch, n - TRAILER + 4);
    int end = n - TRAILER;
    if (count < 1 || directoryStart < 1 || directoryStart > end) {
      throw new EventBlock.CorruptBlockException("batch directory out of place");
    }
    int pos = directoryStart;
    List<Section> out = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      if (end - pos < ENTRY_FIXED) throw new EventBlock.CorruptBlockException("batch directory cut");
      int channelLength = (int) EventBlock.INT.get(batch, pos);
      if (channelLength < 0 || end - pos - ENTRY_FIXED < channelLength) {
        throw new EventBlock.CorruptBlockException("batch directory cut");
      }
      String channel = new String(batch, pos + 4, channelLength, StandardCharsets.UTF_8);
      pos += 4 + channelLength;
      long first = (long) EventBlock.LONG.get(batch, pos);
      long last = (long) EventBlock.LONG.get(batch, pos + 8);
      int start = (int) EventBlock.INT.get(batch, pos + 16);
      int length = (int) EventBlock.INT.get(batch, pos + 20);
      pos += 24;
      if (first > last || start < 0 || length < 1 || start > directoryStart - length) {
        throw new EventBlock.CorruptBlockException("batch directory entry " + i + " impossible");
      }
      out.add(new Section(channel, first, last, start, length));
    }
    return out;
  }
}
