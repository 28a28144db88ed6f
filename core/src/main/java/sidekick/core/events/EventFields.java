package sidekick.core.events;

import sidekick.core.util.Json;

/**
 * An event's own fields, encoded as they are put (no map, no boxing of the hot path's numbers): the
 * JSON members after {@code "type","at","channel"}. The names those take are skipped.
 */
public final class EventFields {
  /** Room for a reply event's fields (user, name, command, reply, micros) without growing. */
  private final StringBuilder json = new StringBuilder(256);

  public EventFields put(String name, Object value) {
    if (reserved(name)) return this;
    json.append(',');
    Json.appendField(json, name, value);
    return this;
  }

  public EventFields put(String name, long value) {
    if (reserved(name)) return this;
    json.append(',');
    Json.appendName(json, name);
    json.append(value);
    return this;
  }

  public EventLog.NewEvent toEvent(String type) {
    return new EventLog.NewEvent(type, json.toString());
  }

  private static boolean reserved(String name) {
    return name.equals("seq") || name.equals("type") || name.equals("at") || name.equals("channel");
  }
}
