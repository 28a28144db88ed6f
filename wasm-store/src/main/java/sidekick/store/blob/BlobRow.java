package sidekick.store.blob;

import sidekick.store.codec.Codec;
import sidekick.store.codec.Sha256;

/** A blob's metadata row (everything but the stored bytes). */
public record BlobRow(
    long id,
    long length,
    byte[] sha256,
    Codec codec,
    long baseId,
    long dictId,
    int level,
    long storedLength,
    long createdAt,
    long compactedAt) {

  public String hex() {
    return Sha256.hex(sha256);
  }
}
