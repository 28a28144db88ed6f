package sidekick.core.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stored form of a group commit: the events of all its channels in one {@code event_batches} row,
 * compressed together ({@link BlockCompressor}), one {@link EventBlock} section per channel run.
 *
 * <pre>
 * batch  := section+                  (each section a plain EventBlock: FORMAT event+)
 * stored := batch | FORMAT_ZSTD rawLength:int32 zstdFrame(batch)
 * </pre>
 *
 * The batch holds no directory: each section's channel, seq range and byte range is its
 * {@code event_index} row, so a reader seeks the index and inflates only the batches it needs.
 * A batch is closed at {@link #MAX_BYTES} (one section may pass it), so a reader asking for one
 * channel's events never inflates much more than that per batch.
 */
final class EventBatch {
  /** A batch is closed once its sections hold this many bytes (a section of more still gets one alone). */
  static final int MAX_BYTES = 64 * 1024;

  /** One channel's run inside a batch: the {@code event_index} row that finds it. */
  record Section(String channel, long firstSeq, long lastSeq, int start, int length) {}

  private EventBatch() {}

  /** Builds batches in one growing buffer, reused (one per writer thread: not thread-safe). */
  static final class Builder {
    private byte[] buf = new byte[16 * 1024];
    private int size;
    private final List<Section> sections = new ArrayList<>();

    void reset() {
      size = 0;
      sections.clear();
    }

    boolean isEmpty() {
      return sections.isEmpty();
    }

    /** True when the batch has reached its size: the caller takes it and starts another. */
    boolean full() {
      return size >= MAX_BYTES;
    }

    /** Adds {@code block} (not empty) as the next section, for {@code channel}. */
    void add(String channel, EventBlock.Encoder block) {
      int length = block.size();
      if (size + length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + length));
      block.copyTo(buf, size);
      sections.add(new Section(channel, block.firstSeq(), block.lastSeq(), size, length));
      size += length;
    }

    List<Section> sections() {
      return sections;
    }

    /** The batch as stored: compressed by {@code compressor} when that makes it smaller. */
    byte[] toStored(BlockCompressor compressor) {
      return compressor.pack(buf, size);
    }
  }
}
