package sidekick.http.frame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One WebSocket message in the "event tuple" layout: a type, an event name and a UTF-8 JSON payload.
 * The payload stays raw bytes so a receiver can route on the header and decode only what it needs.
 */
public final class Frame {
  private final FrameType type;
  private final String name;
  private final byte[] payload;

  public Frame(FrameType type, String name, byte[] payload) {
    this.type = Objects.requireNonNull(type, "type");
    this.name = Objects.requireNonNull(name, "name");
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  public static Frame of(FrameType type, String name, String jsonPayload) {
    return new Frame(type, name, jsonPayload.getBytes(StandardCharsets.UTF_8));
  }

  public FrameType type() {
    return type;
  }

  public String name() {
    return name;
  }

  /** The payload bytes (not copied: do not modify). */
  public byte[] payload() {
    return payload;
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f
        && f.type == type
        && f.name.equals(name)
        && Arrays.equals(f.payload, payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, name, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return type + " " + name + " " + payloadText();
  }
}
