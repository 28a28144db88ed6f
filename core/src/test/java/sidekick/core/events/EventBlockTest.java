package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sidekick.core.Event;

/** The block encoding on its own: round trips, skipping, limits, and damaged data. */
class EventBlockTest {
  private static final Instant AT = Instant.parse("2026-11-22T23:59:58.123Z");

  private static Event event(long seq, String text) {
    return new Event("c", seq, seq % 2 == 0 ? "reply" : "roll", AT.plusMillis(seq),
        "{\"seq\":" + seq + ",\"type\":\"roll\",\"channel\":\"c\",\"text\":\"" + text + "\"}");
  }

  private static List<Event> events(long first, long last) {
    List<Event> out = new ArrayList<>();
    for (long s = first; s <= last; s++) out.add(event(s, "n" + s + " dé 🎲"));
    return out;
  }

  private static byte[] encode(List<Event> events) {
    EventBlock.Encoder enc = new EventBlock.Encoder();
    enc.reset();
    events.forEach(enc::add);
    assertThat(enc.firstSeq()).isEqualTo(events.get(0).seq());
    assertThat(enc.lastSeq()).isEqualTo(events.get(events.size() - 1).seq());
    return enc.toBytes();
  }

  private static List<Event> decode(byte[] data, long first, long last, long after, int limit) throws Exception {
    List<Event> out = new ArrayList<>();
    EventBlock.decode("c", first, last, data, after, limit, out);
    return out;
  }

  @Test
  void everyFieldRoundTrips() throws Exception {
    List<Event> in = events(7, 11);
    assertThat(decode(encode(in), 7, 11, 0, 100)).isEqualTo(in);
  }

  @Test
  void eventsUpToAfterAreSkipped() throws Exception {
    byte[] block = encode(events(1, 10));
    assertThat(decode(block, 1, 10, 4, 100)).extracting(Event::seq).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(decode(block, 1, 10, 9, 100)).extracting(Event::seq).containsExactly(10L);
    assertThat(decode(block, 1, 10, 10, 100)).isEmpty();
  }

  @Test
  void theLimitCountsWhatTheCallerAlreadyHolds() throws Exception {
    byte[] block = encode(events(1, 10));
    List<Event> out = new ArrayList<>(events(100, 101)); // from an earlier block, say
    EventBlock.decode("c", 1, 10, block, 2, 5, out);
    assertThat(out).extracting(Event::seq).containsExactly(100L, 101L, 3L, 4L, 5L);
  }

  @Test
  void seqGapsInsideABlockAreKept() throws Exception {
    List<Event> in = List.of(event(3, "a"), event(5, "b"), event(9, "c"));
    assertThat(decode(encode(in), 3, 9, 4, 10)).extracting(Event::seq).containsExactly(5L, 9L);
  }

  @Test
  void theEncoderSaysWhenABlockIsFull() {
    EventBlock.Encoder enc = new EventBlock.Encoder();
    enc.reset();
    for (int i = 1; i < EventBlock.MAX_EVENTS; i++) enc.add(event(i, "x"));
    assertThat(enc.full()).isFalse();
    enc.add(event(EventBlock.MAX_EVENTS, "x"));
    assertThat(enc.full()).isTrue();
    enc.reset();
    enc.add(event(1, "y".repeat(EventBlock.MAX_BYTES)));
    assertThat(enc.full()).isTrue();
    assertThatThrownBy(() -> enc.add(event(1, "again"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void damagedBlocksAreReportedWithTheReason() {
    byte[] good = encode(events(1, 3));
    byte[] format = good.clone();
    format[0] = 9;
    assertCorrupt(format, 1, 3, "unknown block format 9");
    assertCorrupt(Arrays.copyOf(good, good.length - 5), 1, 3, "impossible lengths");
    assertCorrupt(Arrays.copyOf(good, 10), 1, 3, "header cut");
    assertCorrupt(good, 2, 3, "out of order");
    assertCorrupt(good, 1, 2, "beyond the block's last");
    assertCorrupt(good, 1, 4, "row says 4");
    assertCorrupt(new byte[] {EventBlock.FORMAT}, 1, 1, "no event");
    assertCorrupt(new byte[0], 1, 1, "empty");
    assertCorrupt(null, 1, 1, "empty");
    byte[] notJson = good.clone();
    notJson[notJson.length - 1] = 'x';
    assertCorrupt(notJson, 1, 3, "no JSON object");
  }

  private static void assertCorrupt(byte[] data, long first, long last, String reason) {
    assertThatThrownBy(() -> decode(data, first, last, 0, 100))
        .isInstanceOf(EventBlock.CorruptBlockException.class)
        .hasMessageContaining(reason);
  }

  /** Random damage (fixed seed): a damage report or checked events, never another exception. */
  @Test
  void randomDamageNeverEscapesAsAnotherException() {
    assertRandomDamageIsReported(encode(events(1, 6)), 6, new Random(42), 5_000);
  }

  /**
   * Damages {@code good} (a block of seqs 1..last) at random, {@code rounds} times: each decode gives
   * a damage report or checked events, nothing else, and most damage is reported.
   */
  private static void assertRandomDamageIsReported(byte[] good, long last, Random random, int rounds) {
    int reported = 0;
    for (int round = 0; round < rounds; round++) {
      byte[] bad = Arrays.copyOf(good, random.nextInt(3) == 0 ? random.nextInt(good.length + 8) : good.length);
      for (int flips = 1 + random.nextInt(4); flips > 0 && bad.length > 0; flips--) {
        bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
      }
      List<Event> out = new ArrayList<>();
      try {
        EventBlock.decode("c", 1, last, bad, 0, 100, out);
      } catch (EventBlock.CorruptBlockException e) {
        reported++;
      }
      long previous = 0;
      for (Event e : out) {
        assertThat(e.seq()).isGreaterThan(previous).isLessThanOrEqualTo(last);
        assertThat(e.json()).startsWith("{").endsWith("}");
        previous = e.seq();
      }
    }
    assertThat(reported).isGreaterThan(rounds / 5);
  }

  private static byte[] stored(List<Event> events) {
    EventBlock.Encoder enc = new EventBlock.Encoder();
    enc.reset();
    events.forEach(enc::add);
    try (BlockCompressor compressor = new BlockCompressor()) {
      return enc.toStored(compressor);
    }
  }

  @Test
  void aBusyChannelsBlockIsStoredCompressedAndReadsBack() throws Exception {
    List<Event> in = events(1, 200);
    byte[] raw = encode(in);
    byte[] packed = stored(in);
    assertThat(packed[0]).isEqualTo(EventBlock.FORMAT_ZSTD);
    assertThat(packed.length).isLessThan(raw.length / 4);
    assertThat(decode(packed, 1, 200, 0, 1_000)).isEqualTo(in);
    assertThat(decode(packed, 1, 200, 150, 10)).extracting(Event::seq).containsExactly(151L, 152L, 153L, 154L,
        155L, 156L, 157L, 158L, 159L, 160L);
  }

  @Test
  void aBlockThatWouldNotShrinkIsStoredAsItIs() {
    byte[] noise = new byte[4 * BlockCompressor.MIN_BYTES]; // no event text is this random: zstd cannot shrink it
    new Random(7).nextBytes(noise);
    noise[0] = EventBlock.FORMAT;
    try (BlockCompressor compressor = new BlockCompressor()) {
      assertThat(compressor.pack(noise, noise.length)).isEqualTo(noise);
      assertThat(compressor.pack(noise, 100)).isEqualTo(Arrays.copyOf(noise, 100));
    }
  }

  @Test
  void aSmallBlockIsStoredAsItIsThoughItWouldShrink() throws Exception {
    List<Event> in = events(1, 3);
    assertThat(encode(in).length).isLessThan(BlockCompressor.MIN_BYTES);
    byte[] packed = stored(in);
    assertThat(packed).isEqualTo(encode(in));
    assertThat(decode(packed, 1, 3, 0, 10)).isEqualTo(in);
    assertThat(com.github.luben.zstd.Zstd.compress(encode(in)).length).isLessThan(encode(in).length - 5);
  }

  @Test
  void damagedCompressedBlocksAreReportedWithTheReason() {
    byte[] good = stored(events(1, 50));
    assertCorrupt(Arrays.copyOf(good, 4), 1, 50, "compressed block cut");
    assertCorrupt(Arrays.copyOf(good, good.length - 3), 1, 50, "unreadable");
    byte[] tooLong = good.clone();
    tooLong[1] = 0x7f;
    assertCorrupt(tooLong, 1, 50, "impossible length");
    byte[] negative = good.clone();
    negative[1] = (byte) 0x80;
    assertCorrupt(negative, 1, 50, "impossible length");
    byte[] longer = good.clone();
    java.nio.ByteBuffer length = java.nio.ByteBuffer.wrap(longer, 1, 4);
    length.putInt(1, length.getInt(1) + 1); // says one byte more than the frame holds
    assertCorrupt(longer, 1, 50, "holds");
    byte[] nested = storedAsFrame(good);
    assertCorrupt(nested, 1, 50, "compressed block of format 2");
  }

  /** {@code inner} wrapped as if it were a plain block: a compressed block inside a compressed one. */
  private static byte[] storedAsFrame(byte[] inner) {
    byte[] frame = com.github.luben.zstd.Zstd.compress(inner);
    byte[] out = new byte[BlockCompressor.HEADER + frame.length];
    out[0] = EventBlock.FORMAT_ZSTD;
    java.nio.ByteBuffer.wrap(out, 1, 4).putInt(inner.length);
    System.arraycopy(frame, 0, out, BlockCompressor.HEADER, frame.length);
    return out;
  }

  /** Random damage to a compressed block (fixed seed): a damage report or checked events, nothing else. */
  @Test
  void randomDamageToACompressedBlockNeverEscapesAsAnotherException() {
    assertRandomDamageIsReported(stored(events(1, 40)), 40, new Random(43), 3_000);
  }
}
