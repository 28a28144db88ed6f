package sidekick.core;

import java.util.Objects;

/**
 * Who is calling: the kind and id of the token presented, and for an app token the user and channel it
 * is bound to (null otherwise). {@code canManagePlugs} is the right an app token was granted at bind
 * time; for shards the right comes with each command instead.
 */
public record Principal(TokenKind kind, String tokenId, String user, String channel, boolean canManagePlugs) {
  public Principal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tokenId, "tokenId");
  }

  /** The principal of local operator tools (the CLI working directly on the data directory). */
  public static Principal localAdmin() {
    return new Principal(TokenKind.ADMIN, "local", null, null, true);
  }

  public boolean isAdmin() {
    return kind == TokenKind.ADMIN;
  }
}
