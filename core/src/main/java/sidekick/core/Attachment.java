package sidekick.core;

import java.util.Objects;

/** A file sent along with a command ({@code "attachment"} of POST /v1/commands, already base64-decoded). */
public record Attachment(String name, byte[] bytes) {
  public Attachment {
    Objects.requireNonNull(bytes, "bytes");
  }
}
