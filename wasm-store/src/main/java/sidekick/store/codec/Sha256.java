package sidekick.store.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 of module bytes, as raw bytes (the database key) and lowercase hex (the API). */
public final class Sha256 {
  private static final HexFormat HEX = HexFormat.of();

  private Sha256() {}

  public static byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static String hex(byte[] digest) {
    return HEX.formatHex(digest);
  }

  /** Parses a 64-digit hex hash; null when it is not one. */
  public static byte[] parseHex(String hex) {
    if (hex == null || hex.length() != 64) return null;
    try {
      return HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
