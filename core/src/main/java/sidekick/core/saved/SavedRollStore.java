package sidekick.core.saved;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import sidekick.core.db.Database;

/**
 * Saved rolls ({@code $name}) of a channel. An ALL-CAPS name ({@code $INIT}) belongs to the channel and
 * every user there may use it; any other name ({@code $sword}) belongs to the user who saved it, in that
 * channel (a player's character lives in a campaign's channel). Limits are checked by the caller.
 */
public final class SavedRollStore {
  /** Row owner of channel-scoped rolls (user ids are never empty). */
  private static final String CHANNEL_OWNER = "";
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** A saved roll and whose it is. */
  public record SavedRoll(String name, Scope scope, String expr) {}

  public enum Scope {
    CHANNEL,
    USER;

    public String wireName() {
      return this == CHANNEL ? "channel" : "user";
    }
  }

  private final Database db;
  private final Clock clock;

  public SavedRollStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public static boolean validName(String name) {
    return NAME.matcher(name).matches();
  }

  /** ALL-CAPS (no lower-case letter) names are the channel's. */
  public static Scope scopeOf(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (Character.isLowerCase(name.charAt(i))) return Scope.USER;
    }
    return Scope.CHANNEL;
  }

  private static String owner(String name, String user) {
    return scopeOf(name) == Scope.CHANNEL ? CHANNEL_OWNER : user;
  }

  public Optional<String> lookup(String channel, String user, String name) {
    return db.read(s -> {
      try (ResultSet rs = s.query("SELECT expr FROM saved_rolls WHERE channel = ? AND owner = ? AND name = ?",
          channel, owner(name, user), name)) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
      }
    });
  }

  /** How many rolls the scope of {@code name} holds, not counting {@code name} itself. */
  public int countOthers(String channel, String user, String name) {
    return db.read(s -> {
      try (ResultSet rs = s.query("SELECT COUNT(*) FROM saved_rolls WHERE channel = ? AND owner = ? AND name <> ?",
          channel, owner(name, user), name)) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    });
  }

  /** Saves (or replaces) a roll; returns true when it replaced one. */
  public boolean put(String channel, String user, String name, String expr) {
    return db.write(s -> {
      int updated = s.update("UPDATE saved_rolls SET expr = ?, updated_at = ? WHERE channel = ? AND owner = ? AND name = ?",
          expr, clock.millis(), channel, owner(name, user), name);
      if (updated == 0) {
        s.update("INSERT INTO saved_rolls (channel, owner, name, expr, updated_at) VALUES (?, ?, ?, ?, ?)",
            channel, owner(name, user), name, expr, clock.millis());
      }
      return updated > 0;
    });
  }

  /** Deletes a roll; false when there was none. */
  public boolean delete(String channel, String user, String name) {
    return db.write(s -> s.update("DELETE FROM saved_rolls WHERE channel = ? AND owner = ? AND name = ?",
        channel, owner(name, user), name)) > 0;
  }

  /** The channel's rolls and the user's own in that channel, channel ones first, each by name. */
  public List<SavedRoll> list(String channel, String user) {
    return db.read(s -> {
      List<SavedRoll> out = new ArrayList<>();
      try (ResultSet rs = s.query("SELECT name, owner, expr FROM saved_rolls WHERE channel = ? AND owner IN (?, ?)"
          + " ORDER BY owner <> '', name", channel, CHANNEL_OWNER, user)) {
        while (rs.next()) {
          Scope scope = rs.getString(2).isEmpty() ? Scope.CHANNEL : Scope.USER;
          out.add(new SavedRoll(rs.getString(1), scope, rs.getString(3)));
        }
      }
      return out;
    });
  }
}
