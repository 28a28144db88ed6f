package sidekick.http.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sidekick.core.TokenInfo;

/**
 * Every open session (WebSocket or parked long poll) by the id of the token it holds, so that when
 * the core reports a revocation each of them is told and closed at once.
 */
final class Sessions {
  /** Something held open on behalf of a token. */
  interface Revocable {
    String tokenId();

    /** Tells the peer the token is revoked and ends the session; must not block. */
    void revoke(TokenInfo token);

    /** Ends the session because the server is shutting down; must not block. */
    void serverClosing();
  }

  private final ConcurrentHashMap<String, Set<Revocable>> byToken = new ConcurrentHashMap<>();

  void add(Revocable session) {
    byToken.computeIfAbsent(session.tokenId(), k -> ConcurrentHashMap.newKeySet()).add(session);
  }

  void remove(Revocable session) {
    byToken.computeIfPresent(
        session.tokenId(), (k, set) -> set.remove(session) && set.isEmpty() ? null : set);
  }

  /** Revokes every session holding the token; returns how many there were. */
  int revoke(TokenInfo token) {
    Set<Revocable> sessions = byToken.remove(token.id());
    if (sessions == null) return 0;
    sessions.forEach(s -> s.revoke(token));
    return sessions.size();
  }

  /** Ends every session: the server is shutting down. */
  void closeAll() {
    byToken.values().forEach(set -> set.forEach(Revocable::serverClosing));
  }

  int size() {
    return byToken.values().stream().mapToInt(Set::size).sum();
  }
}
