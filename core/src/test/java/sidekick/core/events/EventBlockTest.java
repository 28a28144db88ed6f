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
    byte[] good = encode(events(1, 6));
    Random random = new Random(42);
    int reported = 0;
    for (int round = 0; round < 5_000; round++) {
      byte[] bad = Arrays.copyOf(good, random.nextInt(3) == 0 ? random.nextInt(good.length + 8) : good.length);
      for (int flips = 1 + random.nextInt(4); flips > 0 && bad.length > 0; flips--) {
        bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
      }
      List<Event> out = new ArrayList<>();
      try {
        EventBlock.decode("c", 1, 6, bad, 0, 100, out);
      } catch (EventBlock.CorruptBlockException e) {
        reported++;
      }
      long previous = 0;
      for (Event e : out) {
        assertThat(e.seq()).isGreaterThan(previous).isLessThanOrEqualTo(6);
        assertThat(e.json()).startsWith("{").endsWith("}");
        previous = e.seq();
      }
    }
    assertThat(reported).isGreaterThan(1_000);
  }
}
