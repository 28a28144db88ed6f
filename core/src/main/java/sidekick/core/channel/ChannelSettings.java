package sidekick.core.channel;

import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import sidekick.core.db.Database;

/**
 * Per-channel switches (inline rolls on or off), cached: every message asks, few ever change them.
 */
public final class ChannelSettings {
  private final Database db;
  private final boolean inlineDefault;
  private final Map<String, Boolean> inline = new ConcurrentHashMap<>();

  public ChannelSettings(Database db, boolean inlineDefault) {
    this.db = db;
    this.inlineDefault = inlineDefault;
  }

  public boolean inlineRolls(String channel) {
    return inline.computeIfAbsent(channel, c -> db.read(s -> {
      try (ResultSet rs = s.query("SELECT inline_rolls FROM channel_settings WHERE channel = ?", c)) {
        if (!rs.next()) return inlineDefault;
        int v = rs.getInt(1);
        return rs.wasNull() ? inlineDefault : v != 0;
      }
    }));
  }

  /** The setting when it is already in memory, else null (reading it would touch the database). */
  public Boolean inlineRollsIfCached(String channel) {
    return inline.get(channel);
  }

  public void setInlineRolls(String channel, boolean on) {
    db.write(s -> s.update("INSERT INTO channel_settings (channel, inline_rolls) VALUES (?, ?)"
        + " ON CONFLICT(channel) DO UPDATE SET inline_rolls = excluded.inline_rolls", channel, on ? 1 : 0));
    inline.put(channel, on);
  }

  /** The stored value, empty when the channel follows the default. */
  public Optional<Boolean> stored(String channel) {
    return db.read(s -> {
      try (ResultSet rs = s.query("SELECT inline_rolls FROM channel_settings WHERE channel = ?", channel)) {
        if (!rs.next()) return Optional.<Boolean>empty();
        int v = rs.getInt(1);
        return rs.wasNull() ? Optional.<Boolean>empty() : Optional.of(v != 0);
      }
    });
  }
}
