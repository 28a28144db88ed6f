package sidekick.core;

/**
 * Told when a token is revoked (by an operator, {@code /r unbind app}, a user losing a right, or another
 * process on the same data directory), so the server closes every session holding it. Called on a core
 * thread; must not block.
 */
@FunctionalInterface
public interface RevocationListener {
  void onRevoked(TokenInfo token);
}
