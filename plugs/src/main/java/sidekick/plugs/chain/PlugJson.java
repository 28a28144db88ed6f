package sidekick.plugs.chain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import sidekick.plugs.CommandInput;
import sidekick.plugs.Segment;

/** The ABI's JSON: the input a plug reads, and the output it sets (CONTRACT §4). */
public final class PlugJson {
  public static final int ABI_VERSION = 1;
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private PlugJson() {}

  /** {@code {"v":1,"text","segments","channel","server","user","userName"}} plus {@code reply} for hooks. */
  public static byte[] input(CommandInput in, String reply) {
    var out = new ByteArrayOutputStream(128 + in.text().length() * 2);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("v", ABI_VERSION);
      g.writeStringField("text", in.text());
      g.writeArrayFieldStart("segments");
      for (Segment s : in.segments()) {
        g.writeStartObject();
        g.writeStringField("text", s.text());
        g.writeBooleanField("final", s.isFinal());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("channel", in.channel());
      g.writeStringField("server", in.server());
      g.writeStringField("user", in.user());
      g.writeStringField("userName", in.userName());
      if (reply != null) g.writeStringField("reply", reply);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** What a plug answered. */
  public record PlugOutput(Action action, String text, List<Segment> segments, String problem) {
    public enum Action { PASS, REPLY, REWRITE, BAD }

    static PlugOutput bad(String problem) {
      return new PlugOutput(Action.BAD, null, List.of(), problem);
    }
  }

  private static final PlugOutput PASS = new PlugOutput(PlugOutput.Action.PASS, null, List.of(), null);

  /** Parses an output; nothing at all is a pass; anything not in the ABI is {@code BAD}. */
  public static PlugOutput output(byte[] bytes) {
    if (bytes == null || isBlank(bytes)) return PASS;
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException e) {
      return PlugOutput.bad("output is not JSON");
    }
    if (node == null || !node.isObject()) return PlugOutput.bad("output is not a JSON object");
    JsonNode action = node.get("action");
    if (action == null || !action.isTextual()) return PlugOutput.bad("output has no \"action\"");
    switch (action.asText()) {
      case "pass":
        return PASS;
      case "reply": {
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) return PlugOutput.bad("reply without a string \"text\"");
        return new PlugOutput(PlugOutput.Action.REPLY, text.asText(), List.of(), null);
      }
      case "rewrite": {
        JsonNode segs = node.get("segments");
        if (segs == null || !segs.isArray()) return PlugOutput.bad("rewrite without a \"segments\" array");
        List<Segment> list = new ArrayList<>(segs.size());
        for (JsonNode s : segs) {
          JsonNode text = s.get("text");
          JsonNode fin = s.get("final");
          if (!s.isObject() || text == null || !text.isTextual() || (fin != null && !fin.isBoolean())) {
            return PlugOutput.bad("a segment must be {\"text\": string, \"final\": boolean}");
          }
          list.add(new Segment(text.asText(), fin != null && fin.asBoolean()));
        }
        return new PlugOutput(PlugOutput.Action.REWRITE, null, list, null);
      }
      default:
        return PlugOutput.bad("unknown action \"" + action.asText() + "\"");
    }
  }

  private static boolean isBlank(byte[] b) {
    for (byte x : b) if (x != ' ' && x != '\n' && x != '\r' && x != '\t') return false;
    return true;
  }

  /**
   * Whether a rewrite keeps every final segment of its input, unchanged and in order (it may add
   * new final segments and change the others freely).
   */
  public static boolean keepsFinalSegments(List<Segment> before, List<Segment> after) {
    int j = 0;
    for (Segment s : before) {
      if (!s.isFinal()) continue;
      while (j < after.size() && !(after.get(j).isFinal() && after.get(j).text().equals(s.text()))) j++;
      if (j == after.size()) return false;
      j++;
    }
    return true;
  }
}
