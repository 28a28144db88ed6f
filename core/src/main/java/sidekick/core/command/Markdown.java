package sidekick.core.command;

/** Discord-flavoured Markdown helpers for replies. */
public final class Markdown {
  /** Characters that format text: escaped with a backslash. */
  private static final String SPECIAL = "\\*_~`|>";
  private static final String TRUNCATED = "\n… *(reply cut: too long for chat)*";

  private Markdown() {}

  /** Escapes text typed by users (names) so it shows as typed, not as formatting or a mention. */
  public static String escape(String text) {
    if (text == null) return "";
    if (plain(text)) return text; // most names: nothing to escape, no copy
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (SPECIAL.indexOf(c) >= 0) sb.append('\\');
      if (c == '@') {
        sb.append("@\u200b"); // a zero-width space keeps @everyone from pinging
        continue;
      }
      if (c == '\n' || c == '\r') {
        sb.append(' ');
        continue;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static boolean plain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (SPECIAL.indexOf(c) >= 0 || c == '@' || c == '\n' || c == '\r') return false;
    }
    return true;
  }

  /** Inline code that survives backticks inside. */
  public static String code(String text) {
    String t = text.replace("`", "ˋ");
    return "`" + t + "`";
  }

  /** Cuts a reply to {@code max} characters, saying so, without splitting a surrogate pair. */
  public static String truncate(String reply, int max) {
    if (reply == null || reply.length() <= max) return reply;
    int cut = Math.max(0, max - TRUNCATED.length());
    if (cut > 0 && Character.isHighSurrogate(reply.charAt(cut - 1))) cut--;
    return reply.substring(0, cut) + TRUNCATED;
  }
}
