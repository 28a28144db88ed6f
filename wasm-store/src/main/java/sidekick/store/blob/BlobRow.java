package sidekick.store.blob;

import java.util.Arrays;
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

  /**
   * True when {@code other} holds the same module. Ids alone do not say so: SQLite gives a deleted
   * largest id to the next insert, so a row read earlier may share its id with another module now.
   */
  public boolean sameModule(BlobRow other) {
    return other != null && other.length == length && Arrays.equals(other.sha256, sha256);
  }
}
