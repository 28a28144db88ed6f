package sidekick.http.frame;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes the frame layout of CONTRACT §3:
 *
 * <pre>
 * u32 BE  total length of the frame, header included
 * u8      type
 * u16 BE  length E of the event name
 * E bytes event name, UTF-8
 * rest    payload, UTF-8 JSON
 * </pre>
 *
 * Pure Java so both the Netty server and the java.net.http client use it. Decoding is strict: a frame
 * whose declared length disagrees with the bytes received, an unknown type, a name running past the
 * end or bytes that are not UTF-8 are refused with a {@link FrameException} saying why.
 */
public final class FrameCodec {
  /** u32 length + u8 type + u16 name length. */
  public static final int HEADER_BYTES = 7;
  /** Event names are short identifiers; anything longer is a broken or hostile frame. */
  public static final int MAX_NAME_BYTES = 256;

  private FrameCodec() {}

  public static byte[] encode(Frame frame) {
    byte[] name = frame.name().getBytes(StandardCharsets.UTF_8);
    if (name.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("event name longer than " + MAX_NAME_BYTES + " bytes");
    }
    int total = HEADER_BYTES + name.length + frame.payload().length;
    ByteBuffer out = ByteBuffer.allocate(total);
    out.putInt(total).put((byte) frame.type().code()).putShort((short) name.length);
    out.put(name).put(frame.payload());
    return out.array();
  }

  public static Frame decode(byte[] bytes) throws FrameException {
    return decode(ByteBuffer.wrap(bytes));
  }

  /** Decodes one whole message: the buffer's remaining bytes must be exactly one frame. */
  public static Frame decode(ByteBuffer in) throws FrameException {
    int received = in.remaining();
    if (received < HEADER_BYTES) {
      throw new FrameException(
          "frame of " + received + " bytes is shorter than the " + HEADER_BYTES + "-byte header");
    }
    long declared = Integer.toUnsignedLong(in.getInt());
    if (declared != received) {
      throw new FrameException(
          "frame declares " + declared + " bytes but " + received + " were received");
    }
    int code = Byte.toUnsignedInt(in.get());
    FrameType type = FrameType.ofCode(code);
    if (type == null) {
      throw new FrameException("unknown frame type " + code);
    }
    int nameLength = Short.toUnsignedInt(in.getShort());
    if (nameLength > in.remaining()) {
      throw new FrameException(
          "event name of " + nameLength + " bytes runs past the end of the frame");
    }
    if (nameLength > MAX_NAME_BYTES) {
      throw new FrameException("event name longer than " + MAX_NAME_BYTES + " bytes");
    }
    if (nameLength == 0) {
      throw new FrameException("empty event name");
    }
    String name = strictUtf8(in, nameLength, "event name");
    int payloadStart = in.position();
    strictUtf8(in.duplicate(), in.remaining(), "payload");
    byte[] payload = new byte[in.remaining()];
    in.position(payloadStart).get(payload);
    return new Frame(type, name, payload);
  }

  private static String strictUtf8(ByteBuffer in, int length, String what) throws FrameException {
    ByteBuffer slice = in.slice();
    slice.limit(length);
    in.position(in.position() + length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw new FrameException(what + " is not valid UTF-8");
    }
  }
}
