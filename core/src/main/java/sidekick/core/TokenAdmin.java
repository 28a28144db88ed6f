package sidekick.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import sidekick.core.auth.TokenService;
import sidekick.core.db.Database;
import sidekick.core.db.DatabaseException;
import sidekick.core.db.Schema;

/**
 * Token management for operator tools ({@code sidekick token ...}), working directly on a data
 * directory, also while a core runs on it: a running core sees new tokens at once and revocations
 * within its token poll interval (then closes the sessions and appends the {@code revoked} event).
 */
public final class TokenAdmin implements AutoCloseable {
  private final Database db;
  private final TokenService tokens;

  private TokenAdmin(Database db) {
    this.db = db;
    this.tokens = new TokenService(db, Clock.systemUTC());
  }

  /** Opens {@code DATA/sidekick.db}; 404 when the directory holds no Sidekick data yet. */
  public static TokenAdmin open(Path dataDir) {
    return open(dataDir, false);
  }

  /**
   * Opens {@code DATA/sidekick.db}; with {@code create} a missing data directory is set up (tokens may
   * be made before the first {@code sidekick serve}), else it is a 404.
   */
  public static TokenAdmin open(Path dataDir, boolean create) {
    Path file = dataDir.resolve("sidekick.db");
    if (!create && !Files.isRegularFile(file)) {
      throw CoreException.notFound("no Sidekick data in " + dataDir + " (start `sidekick serve --data "
          + dataDir + "` once, or check --data)");
    }
    try {
      return new TokenAdmin(Database.open(file, Schema.MIGRATIONS));
    } catch (DatabaseException e) {
      throw CoreException.internal(e.getMessage(), e);
    }
  }

  public IssuedToken create(TokenSpec spec) {
    return tokens.create(spec);
  }

  /** Revokes a token; 404 when unknown. Returns it (already revoked tokens as they were). */
  public TokenInfo revoke(String id) {
    return tokens.revoke(id, false).orElseGet(() -> tokens.find(id).orElseThrow());
  }

  /** All tokens, newest first. */
  public List<TokenInfo> list() {
    return tokens.list();
  }

  @Override
  public void close() {
    db.close();
  }
}
