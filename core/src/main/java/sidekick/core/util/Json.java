package sidekick.core.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The core's one JSON mapper, and the wire form of timestamps ({@code 2026-11-22T19:20:00.123Z}). */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  public static JsonNode read(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }

  public static String at(Instant instant) {
    return AT.format(instant);
  }

  /** Puts a value of a simple type (string, number, boolean, null) or a JSON tree. */
  public static void put(ObjectNode node, String field, Object value) {
    if (value == null) node.putNull(field);
    else if (value instanceof String s) node.put(field, s);
    else if (value instanceof Integer i) node.put(field, i);
    else if (value instanceof Long l) node.put(field, l);
    else if (value instanceof Double d) node.put(field, d);
    else if (value instanceof Float f) node.put(field, f);
    else if (value instanceof Boolean b) node.put(field, b);
    else if (value instanceof Number n) node.put(field, n.doubleValue());
    else if (value instanceof JsonNode j) node.set(field, j);
    else node.set(field, MAPPER.valueToTree(value));
  }
}
