package sidekick.store.plug;

import java.nio.charset.StandardCharsets;
import sidekick.store.InvalidNameException;

/** Checks channel, plug, server and user names before they reach the database. */
public final class Names {
  private Names() {}

  /** A name that must not be empty. */
  public static String required(String what, String value, int maxBytes) {
    if (value == null || value.isEmpty()) throw new InvalidNameException(what + " must not be empty");
    return optional(what, value, maxBytes);
  }

  /** A name that may be empty (null reads as empty). */
  public static String optional(String what, String value, int maxBytes) {
    if (value == null) return "";
    if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new InvalidNameException(what + " is longer than " + maxBytes + " bytes");
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (Character.isISOControl(ch) || Character.isSurrogate(ch) && !validSurrogate(value, i)) {
        throw new InvalidNameException(what + " contains a control or invalid character");
      }
    }
    return value;
  }

  private static boolean validSurrogate(String s, int i) {
    char ch = s.charAt(i);
    if (Character.isHighSurrogate(ch)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
