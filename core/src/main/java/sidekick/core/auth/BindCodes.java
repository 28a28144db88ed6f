package sidekick.core.auth;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import sidekick.core.db.Database;

/**
 * One-time codes of the {@code /r bind app} flow ("KMTZ-4821"): stored as hashes with an expiry, used
 * at most once. Letters that look like digits are left out so a code read aloud is typed right.
 */
public final class BindCodes {
  private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String DIGITS = "0123456789";

  /** What a code was issued for. */
  public record Grant(String channel, String user, boolean canManagePlugs) {}

  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public BindCodes(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Issues a new code for a user in a channel; it replaces nothing and expires after {@code ttl}. */
  public String issue(String channel, String user, boolean canManagePlugs, Duration ttl) {
    String code = newCode();
    long expires = clock.instant().plus(ttl).toEpochMilli();
    long now = clock.millis();
    db.write(s -> {
      s.update("DELETE FROM bind_codes WHERE expires_at < ?", now);
      return s.update("INSERT INTO bind_codes (hash, channel, user, can_manage, expires_at) VALUES (?, ?, ?, ?, ?)",
          Hashing.sha256Hex(code), channel, user, canManagePlugs ? 1 : 0, expires);
    });
    return code;
  }

  /** Uses a code up: its grant when it was valid, empty when unknown, used or expired. */
  public Optional<Grant> redeem(String code) {
    if (code == null || code.length() > 20) return Optional.empty();
    String hash = Hashing.sha256Hex(code.trim().toUpperCase(Locale.ROOT));
    Instant now = clock.instant();
    return db.write(s -> {
      Grant g;
      long expires;
      try (ResultSet rs = s.query("SELECT channel, user, can_manage, expires_at FROM bind_codes WHERE hash = ?", hash)) {
        if (!rs.next()) return Optional.<Grant>empty();
        g = new Grant(rs.getString(1), rs.getString(2), rs.getInt(3) != 0);
        expires = rs.getLong(4);
      }
      s.update("DELETE FROM bind_codes WHERE hash = ?", hash);
      return expires >= now.toEpochMilli() ? Optional.of(g) : Optional.<Grant>empty();
    });
  }

  private String newCode() {
    StringBuilder sb = new StringBuilder(9);
    for (int i = 0; i < 4; i++) sb.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    sb.append('-');
    for (int i = 0; i < 4; i++) sb.append(DIGITS.charAt(random.nextInt(DIGITS.length())));
    return sb.toString();
  }
}
