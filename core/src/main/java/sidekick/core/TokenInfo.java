package sidekick.core;

import java.time.Instant;

/** A token as listed to operators: never the secret itself (only its hash is stored). */
public record TokenInfo(
    String id,
    TokenKind kind,
    String user,
    String channel,
    boolean canManagePlugs,
    String label,
    Instant createdAt,
    Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
