package sidekick.http.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import sidekick.core.CommandRequest;

/**
 * Reads the usual command body ({@code {"channel", "server", "user", "userName", "text",
 * "canManagePlugs"}}, strings and a boolean) straight from its bytes, without building a JSON tree:
 * the tree costs more than the rest of a chat message's handling. Anything else (an attachment, a
 * number where a string is expected, a missing field, bad JSON) is not read here: {@link #parse}
 * answers null and the caller takes the general path ({@link Json#parseObject} and {@link Args}),
 * which gives the precise 400. So both paths accept and refuse exactly the same bodies.
 */
public final class CommandBody {
  private CommandBody() {}

  /** The command of a plain body, or null when it needs the general path. */
  public static CommandRequest parse(byte[] body) {
    if (body.length == 0) return null;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      String channel = null, server = null, user = null, userName = null, text = null;
      boolean canManagePlugs = false;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) return null;
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "channel" -> channel = text(p, value);
          case "server" -> server = text(p, value);
          case "user" -> user = text(p, value);
          case "userName" -> userName = text(p, value);
          case "text" -> text = text(p, value);
          case "canManagePlugs" -> {
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
              throw new NotPlain();
            }
            canManagePlugs = value == JsonToken.VALUE_TRUE;
          }
          case "attachment" -> {
            if (value != JsonToken.VALUE_NULL) throw new NotPlain();
          }
          default -> p.skipChildren(); // unknown fields are ignored, as on the general path
        }
      }
      if (p.nextToken() != null) return null; // trailing content
      if (isBlank(channel) || isBlank(user) || isBlank(text)) return null;
      return new CommandRequest(channel, server, user, userName, text, canManagePlugs, null);
    } catch (IOException e) {
      return null; // malformed: the general path words the 400
    }
  }

  /** A string value, or null for JSON null; any other type is left to the general path. */
  private static String text(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) return p.getText();
    if (value == JsonToken.VALUE_NULL) return null;
    throw new NotPlain();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }

  /** A value the fast read leaves to the general path. */
  private static final class NotPlain extends IOException {
    NotPlain() {
      super(null, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // control flow, no stack needed
    }
  }
}
