package sidekick.http.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameCodecTest {

  @ParameterizedTest
  @EnumSource(FrameType.class)
  void everyTypeRoundTrips(FrameType type) throws FrameException {
    Frame frame = Frame.of(type, "plug.put", "{\"id\":7,\"name\":\"dé\"}");
    assertThat(FrameCodec.decode(FrameCodec.encode(frame))).isEqualTo(frame);
  }

  @Test
  void layoutMatchesTheContract() {
    byte[] bytes = FrameCodec.encode(Frame.of(FrameType.AUTH, "auth", "{}"));
    ByteBuffer b = ByteBuffer.wrap(bytes);
    assertThat(b.getInt()).isEqualTo(bytes.length).isEqualTo(7 + 4 + 2);
    assertThat(b.get()).isEqualTo((byte) 2);
    assertThat(b.getShort()).isEqualTo((short) 4);
    assertThat(new String(bytes, 7, 4, StandardCharsets.US_ASCII)).isEqualTo("auth");
    assertThat(new String(bytes, 11, 2, StandardCharsets.US_ASCII)).isEqualTo("{}");
  }

  @Test
  void emptyPayloadIsAllowed() throws FrameException {
    Frame f = FrameCodec.decode(FrameCodec.encode(Frame.of(FrameType.MESSAGE, "ping", "")));
    assertThat(f.payload()).isEmpty();
    assertThat(f.name()).isEqualTo("ping");
  }

  @Test
  void multiByteNameUsesByteLength() throws FrameException {
    Frame frame = Frame.of(FrameType.BROADCAST, "événement", "{}");
    byte[] bytes = FrameCodec.encode(frame);
    assertThat(ByteBuffer.wrap(bytes, 5, 2).getShort())
        .isEqualTo((short) "événement".getBytes(StandardCharsets.UTF_8).length);
    assertThat(FrameCodec.decode(bytes)).isEqualTo(frame);
  }

  @Test
  void refusesFramesShorterThanTheHeader() {
    for (int n = 0; n < FrameCodec.HEADER_BYTES; n++) {
      byte[] bytes = new byte[n];
      assertThatThrownBy(() -> FrameCodec.decode(bytes))
          .isInstanceOf(FrameException.class)
          .hasMessageContaining("shorter than");
    }
  }

  @Test
  void refusesADeclaredLengthThatDisagrees() {
    byte[] good = FrameCodec.encode(Frame.of(FrameType.MESSAGE, "command", "{}"));
    for (int declared : new int[] {0, 6, good.length - 1, good.length + 1, Integer.MAX_VALUE, -1}) {
      byte[] bad = good.clone();
      ByteBuffer.wrap(bad).putInt(declared);
      assertThatThrownBy(() -> FrameCodec.decode(bad))
          .isInstanceOf(FrameException.class)
          .hasMessageContaining("declares");
    }
  }

  @Test
  void refusesTruncatedAndPaddedFrames() {
    byte[] good = FrameCodec.encode(Frame.of(FrameType.MESSAGE, "command", "{\"a\":1}"));
    byte[] truncated = Arrays.copyOf(good, good.length - 1);
    byte[] padded = Arrays.copyOf(good, good.length + 3);
    assertThatThrownBy(() -> FrameCodec.decode(truncated)).isInstanceOf(FrameException.class);
    assertThatThrownBy(() -> FrameCodec.decode(padded)).isInstanceOf(FrameException.class);
  }

  @Test
  void refusesUnknownTypes() {
    for (int code : new int[] {6, 7, 127, 128, 255}) {
      byte[] bad = FrameCodec.encode(Frame.of(FrameType.MESSAGE, "command", "{}"));
      bad[4] = (byte) code;
      assertThatThrownBy(() -> FrameCodec.decode(bad))
          .isInstanceOf(FrameException.class)
          .hasMessage("unknown frame type " + code);
    }
  }

  @Test
  void refusesANameRunningPastTheEnd() {
    byte[] bad = FrameCodec.encode(Frame.of(FrameType.MESSAGE, "command", "{}"));
    ByteBuffer.wrap(bad).putShort(5, (short) 10);
    assertThatThrownBy(() -> FrameCodec.decode(bad)).hasMessageContaining("runs past the end");
    ByteBuffer.wrap(bad).putShort(5, (short) 0xFFFF);
    assertThatThrownBy(() -> FrameCodec.decode(bad)).hasMessageContaining("runs past the end");
  }

  @Test
  void refusesAnEmptyOrOverlongName() {
    byte[] empty = FrameCodec.encode(Frame.of(FrameType.MESSAGE, "x", "{}"));
    ByteBuffer.wrap(empty).putShort(5, (short) 0);
    // with a zero name length the byte 'x' becomes part of the payload: still one whole frame
    assertThatThrownBy(() -> FrameCodec.decode(empty)).hasMessage("empty event name");

    String longName = "n".repeat(FrameCodec.MAX_NAME_BYTES + 1);
    byte[] raw = rawFrame(0, longName.getBytes(StandardCharsets.UTF_8), new byte[0]);
    assertThatThrownBy(() -> FrameCodec.decode(raw)).hasMessageContaining("longer than");
    assertThatThrownBy(() -> FrameCodec.encode(Frame.of(FrameType.MESSAGE, longName, "")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesInvalidUtf8InNameOrPayload() {
    byte[] badName = rawFrame(0, new byte[] {'a', (byte) 0xC3}, "{}".getBytes());
    assertThatThrownBy(() -> FrameCodec.decode(badName)).hasMessage("event name is not valid UTF-8");
    byte[] badPayload = rawFrame(0, "command".getBytes(), new byte[] {'{', (byte) 0xFF, '}'});
    assertThatThrownBy(() -> FrameCodec.decode(badPayload)).hasMessage("payload is not valid UTF-8");
    byte[] surrogate = rawFrame(0, "command".getBytes(), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
    assertThatThrownBy(() -> FrameCodec.decode(surrogate)).hasMessage("payload is not valid UTF-8");
  }

  @Test
  void decodesFromABufferAtAnOffset() throws FrameException {
    byte[] frame = FrameCodec.encode(Frame.of(FrameType.SYNC, "subscribe", "{\"next\":3}"));
    byte[] withPrefix = new byte[frame.length + 4];
    System.arraycopy(frame, 0, withPrefix, 4, frame.length);
    ByteBuffer in = ByteBuffer.wrap(withPrefix, 4, frame.length);
    assertThat(FrameCodec.decode(in).payloadText()).isEqualTo("{\"next\":3}");
  }

  /** Random garbage (fixed seed) is either decoded into a frame or refused, never anything else. */
  @Test
  void randomBytesNeverEscapeAsAnythingButFrameException() {
    Random random = new Random(42);
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(40)];
      random.nextBytes(bytes);
      if (bytes.length >= 4 && random.nextBoolean()) {
        ByteBuffer.wrap(bytes).putInt(bytes.length); // a plausible header half the time
        if (bytes.length >= 7) {
          bytes[4] = (byte) random.nextInt(6);
          ByteBuffer.wrap(bytes).putShort(5, (short) random.nextInt(Math.max(1, bytes.length - 6)));
        }
      }
      try {
        Frame f = FrameCodec.decode(bytes);
        assertThat(FrameCodec.encode(f)).isEqualTo(bytes);
        decoded++;
      } catch (FrameException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
    assertThat(decoded).isPositive();
  }

  /** Every single-bit flip of a valid frame is either refused or decodes to a re-encodable frame. */
  @Test
  void everyBitFlipIsHandled() {
    byte[] good = FrameCodec.encode(Frame.of(FrameType.MESSAGE, "command", "{\"text\":\"/r 1d20\"}"));
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] bad = good.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        assertThat(FrameCodec.encode(FrameCodec.decode(bad))).isEqualTo(bad);
      } catch (FrameException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  private static byte[] rawFrame(int type, byte[] name, byte[] payload) {
    int total = FrameCodec.HEADER_BYTES + name.length + payload.length;
    return ByteBuffer.allocate(total)
        .putInt(total)
        .put((byte) type)
        .putShort((short) name.length)
        .put(name)
        .put(payload)
        .array();
  }
}
