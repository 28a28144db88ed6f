package sidekick.core;

import java.util.Locale;

/** What a token may do: admin everything, shard acts for the users it forwards, app one user in one channel. */
public enum TokenKind {
  ADMIN,
  SHARD,
  APP;

  /** The lower-case name used on the wire ({@code "admin"}, {@code "shard"}, {@code "app"}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, case-insensitively; a bad name is a {@link CoreException.Status#BAD_REQUEST}. */
  public static TokenKind parse(String name) {
    for (TokenKind k : values()) {
      if (k.name().equalsIgnoreCase(name)) return k;
    }
    throw CoreException.badRequest("unknown token kind '" + name + "' (admin, shard or app)");
  }
}
