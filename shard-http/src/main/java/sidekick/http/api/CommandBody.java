package sidekick.http.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.stream.Stream;
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
  /** The members in the order shards write them (bot/, bench/http/command.lua). */
  private static final SerializableString[] USUAL_ORDER = Stream.of(
          "channel", "server", "user", "userName", "text", "canManagePlugs")
      .map(SerializedString::new).toArray(SerializableString[]::new);

  private CommandBody() {}

  /** The command of a plain body, or null when it needs the general path. */
  public static CommandRequest parse(byte[] body) {
    if (body.length == 0) return null;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      String channel = null, server = null, user = null, userName = null, text = null;
      boolean canManagePlugs = false;
      for (int seen = 0; ; seen++) {
        String field = nextName(p, seen);
        if (field == null) {
          if (p.currentToken() == JsonToken.END_OBJECT) break;
          return null;
        }
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

  /**
   * The next member's name, or null at anything else (the end of the object included). Shards send
   * the members in {@link #USUAL_ORDER}: the parser then matches the expected name's bytes where they
   * stand, instead of decoding the name and looking it up in its symbol table.
   */
  private static String nextName(JsonParser p, int seen) throws IOException {
    if (seen < USUAL_ORDER.length) {
      SerializableString expected = USUAL_ORDER[seen];
      if (p.nextFieldName(expected)) return expected.getValue();
      return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
    }
    return p.nextFieldName();
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
