package sidekick.core.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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

  /** {@code 2026-11-22T19:20:00.123Z}: always with milliseconds (by hand: the formatter is slow). */
  public static String at(Instant instant) {
    java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    int millis = instant.getNano() / 1_000_000;
    int year = t.getYear();
    if (year < 1000 || year > 9999) return AT.format(instant);
    StringBuilder sb = new StringBuilder(24);
    sb.append(year).append('-');
    two(sb, t.getMonthValue()).append('-');
    two(sb, t.getDayOfMonth()).append('T');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond()).append('.');
    if (millis < 100) sb.append('0');
    if (millis < 10) sb.append('0');
    return sb.append(millis).append('Z').toString();
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    if (v < 10) sb.append('0');
    return sb.append(v);
  }

  /**
   * Appends a value to JSON being built by hand (the hot path of event encoding; the name goes
   * first through {@link #appendName}): strings, whole and decimal numbers, booleans and null
   * directly, anything else through the mapper.
   */
  public static void appendValue(StringBuilder sb, Object value) {
    if (value == null) sb.append("null");
    else if (value instanceof String str) appendString(sb, str);
    else if (value instanceof Long || value instanceof Integer || value instanceof Short) sb.append(value);
    else if (value instanceof Boolean b) sb.append(b.booleanValue());
    else if (value instanceof Double d && Double.isFinite(d)) sb.append(d.doubleValue());
    else {
      try {
        sb.append(MAPPER.writeValueAsString(value));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot encode a " + value.getClass().getSimpleName(), e);
      }
    }
  }

  /** Appends {@code "name":}. */
  public static void appendName(StringBuilder sb, String name) {
    appendString(sb, name);
    sb.append(':');
  }

  /** {@code s} as it goes between a JSON string's quotes: itself when nothing needs escaping (no copy). */
  public static String escaped(String s) {
    if (!needsEscape(s)) return s;
    StringBuilder sb = new StringBuilder(s.length() + 16);
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.toString();
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    if (needsEscape(s)) JsonStringEncoder.getInstance().quoteAsString(s, sb);
    else sb.append(s); // the usual case (names, rolls, replies): no copy through the encoder
    sb.append('"');
  }

  /** Whether JSON needs anything of {@code s} escaped: a control character, a quote or a backslash. */
  private static boolean needsEscape(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') return true;
    }
    return false;
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
