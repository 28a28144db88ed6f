package sidekick.http.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Joins the pieces in which a WebSocket client library (java.net.http) hands over one binary
 * message, so the whole message can be decoded as one frame. Not thread-safe: one per socket,
 * called from its listener.
 */
public final class MessageAssembler {
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  /** Adds a piece; returns the whole message when {@code last}, else null. */
  public byte[] add(ByteBuffer piece, boolean last) {
    byte[] chunk = new byte[piece.remaining()];
    piece.get(chunk);
    if (last && partial.size() == 0) return chunk;
    partial.writeBytes(chunk);
    if (!last) return null;
    byte[] whole = partial.toByteArray();
    partial.reset();
    return whole;
  }
}
