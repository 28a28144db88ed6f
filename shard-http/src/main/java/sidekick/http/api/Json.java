package sidekick.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The one Jackson mapper of shard-http, and helpers that turn bad JSON into a 400. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a JSON object; anything else (bad JSON, an array, empty) is a 400. */
  public static ObjectNode parseObject(byte[] bytes) {
    if (bytes.length == 0) throw ApiException.badRequest("empty body: a JSON object is expected");
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw ApiException.badRequest("malformed JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("a JSON object is expected");
    }
    return (ObjectNode) node;
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  public static ObjectNode error(String message) {
    return object().put("error", message);
  }

  private static String firstLine(String message) {
    if (message == null) return "unreadable";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
