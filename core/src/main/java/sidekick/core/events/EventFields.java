package sidekick.core.events;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import sidekick.core.util.Json;

/**
 * An event's own fields, encoded as they are put (no map, no boxing of the hot path's numbers): the
 * JSON members after {@code "type","at","channel"}. The names those take are skipped.
 */
public final class EventFields {
  /**
   * The names of the roll and reply events (every command writes them), encoded once as their
   * {@code ,"name":} prefix: one append per field instead of five and a scan for escapes.
   */
  private static final Map<String, String> HOT_PREFIXES = Stream.of(
          "user", "userName", "expr", "total", "text", "command", "reply", "micros")
      .collect(Collectors.toUnmodifiableMap(n -> n, EventFields::encodedPrefix));

  /** Room for a reply event's fields (user, name, command, reply, micros) without growing. */
  private final StringBuilder json = new StringBuilder(256);

  public EventFields put(String name, Object value) {
    if (!prefix(name)) return this;
    Json.appendValue(json, value);
    return this;
  }

  public EventFields put(String name, long value) {
    if (!prefix(name)) return this;
    json.append(value);
    return this;
  }

  /** Appends {@code ,"name":}; false (nothing appended) for a name the log writes itself. */
  private boolean prefix(String name) {
    String hot = HOT_PREFIXES.get(name);
    if (hot != null) {
      json.append(hot);
      return true;
    }
    if (reserved(name)) return false;
    json.append(',');
    Json.appendName(json, name);
    return true;
  }

  /** {@code ,"name":}, the name quoted by Jackson. */
  private static String encodedPrefix(String name) {
    return ",\"" + new String(new SerializedString(name).asQuotedChars()) + "\":";
  }

  public EventLog.NewEvent toEvent(String type) {
    return new EventLog.NewEvent(type, json.toString());
  }

  private static boolean reserved(String name) {
    return name.equals("seq") || name.equals("type") || name.equals("at") || name.equals("channel");
  }
}
