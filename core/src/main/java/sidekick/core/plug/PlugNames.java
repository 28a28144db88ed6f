package sidekick.core.plug;

import java.util.regex.Pattern;

/** Plug names: short, safe in URLs and chat ({@code 10-attack}, {@code crit.v2}). */
public final class PlugNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private PlugNames() {}

  /** Why {@code name} is not a valid plug name, or null when it is. */
  public static String problem(String name, int maxChars) {
    if (name == null || name.isEmpty()) return "a plug needs a name";
    if (name.length() > maxChars) return "plug names are at most " + maxChars + " characters";
    if (!NAME.matcher(name).matches()) {
      return "plug names use letters, digits, '.', '_' and '-', starting with a letter or digit";
    }
    return null;
  }
}
