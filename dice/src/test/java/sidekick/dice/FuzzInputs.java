package sidekick.dice;

import java.util.SplittableRandom;

/** Random strings over the notation's alphabet and random edits of valid expressions, for fuzz tests. */
public final class FuzzInputs {
  public static final String ALPHABET = "0123456789dDkhlpr!oe<>=+-*/%^(){},.[]#$uFfsatcmix ";

  private FuzzInputs() {}

  /** 1 to 24 characters of the alphabet. */
  public static String randomString(SplittableRandom r) {
    int n = 1 + r.nextInt(24);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    return sb.toString();
  }

  /** One to three edits: insert, delete or replace a character, or repeat a piece. */
  public static String mutate(SplittableRandom r, String seed) {
    StringBuilder sb = new StringBuilder(seed);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : r.nextInt(sb.length());
      switch (r.nextInt(4)) {
        case 0 -> sb.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        case 1 -> { if (sb.length() > 0) sb.deleteCharAt(at); }
        case 2 -> { if (sb.length() > 0) sb.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length()))); }
        default -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + 1 + r.nextInt(5))));
      }
    }
    return sb.toString();
  }
}
