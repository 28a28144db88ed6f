package sidekick.store.plug;

import sidekick.store.codec.Sha256;

/** A plug row: which blob a channel's plug name points at, and who put it there when. */
public record PlugRow(
    String channel,
    String name,
    String server,
    String uploadedBy,
    long uploadedAt,
    long length,
    byte[] sha256) {

  public String hex() {
    return Sha256.hex(sha256);
  }
}
