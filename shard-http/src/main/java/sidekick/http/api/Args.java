package sidekick.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * Reads fields of a request's arguments (a JSON body, path and query parameters merged into one
 * object); a missing or ill-typed field is a 400 naming it. Query parameters arrive as strings, so
 * numbers and booleans are accepted in either form.
 */
public final class Args {
  private Args() {}

  public static String text(ObjectNode args, String field) {
    String v = optionalText(args, field);
    if (v == null || v.isEmpty()) throw ApiException.badRequest("missing field \"" + field + "\"");
    return v;
  }

  public static String optionalText(ObjectNode args, String field) {
    JsonNode n = args.get(field);
    if (n == null || n.isNull()) return null;
    if (n.isTextual()) return n.textValue();
    if (n.isNumber()) return n.asText();
    throw ApiException.badRequest("field \"" + field + "\" must be a string");
  }

  public static long longValue(ObjectNode args, String field, long fallback) {
    JsonNode n = args.get(field);
    if (n == null || n.isNull()) return fallback;
    if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
    if (n.isTextual()) {
      try {
        return Long.parseLong(n.textValue().trim());
      } catch (NumberFormatException e) {
        // fall through to the error
      }
    }
    throw ApiException.badRequest("field \"" + field + "\" must be an integer");
  }

  public static int intValue(ObjectNode args, String field, int fallback) {
    long v = longValue(args, field, fallback);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw ApiException.badRequest("field \"" + field + "\" is out of range");
    }
    return (int) v;
  }

  public static boolean bool(ObjectNode args, String field) {
    JsonNode n = args.get(field);
    if (n == null || n.isNull()) return false;
    if (n.isBoolean()) return n.booleanValue();
    if (n.isTextual() && (n.textValue().equals("true") || n.textValue().equals("false"))) {
      return Boolean.parseBoolean(n.textValue());
    }
    throw ApiException.badRequest("field \"" + field + "\" must be true or false");
  }

  /** Bytes given raw (an HTTP body, as a binary node) or as base64 text (WebSocket JSON). */
  public static byte[] bytes(ObjectNode args, String binaryField, String base64Field) {
    JsonNode raw = args.get(binaryField);
    if (raw != null && raw.isBinary()) {
      try {
        return raw.binaryValue();
      } catch (java.io.IOException e) {
        throw ApiException.badRequest("unreadable body");
      }
    }
    return base64(text(args, base64Field), base64Field);
  }

  public static byte[] base64(String text, String field) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field \"" + field + "\" is not valid base64");
    }
  }
}
