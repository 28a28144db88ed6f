package sidekick.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import sidekick.core.CommandReply;
import sidekick.core.RollResult;

/**
 * A command's HTTP answer ({@code {"reply","rolls","micros"}}) as UTF-8 bytes: the same bytes Jackson
 * writes for {@link Api#commandReplyJson} (CommandReplyJsonTest compares them), built by hand: a
 * generator per answer (its context, buffer recycler and per-value state checks) costs more than the
 * answer's few fields. Strings are escaped by Jackson's own encoder when they need it; decimals are
 * written by Jackson, and so is an answer with text outside the BMP (surrogates). The answer is a heap
 * array, not a pooled buffer: the HTTP encoder copies a body this small into its header buffer anyway.
 */
public final class CommandReplyJson {
  private CommandReplyJson() {}

  /** The answer's JSON. */
  public static byte[] bytes(CommandReply r) {
    StringBuilder out = new StringBuilder(192).append("{\"reply\":");
    if (!r.isCommand()) return out.append("null}").toString().getBytes(StandardCharsets.US_ASCII);
    if (hasSurrogate(r)) return Json.bytes(Api.commandReplyJson(r)); // Jackson's own way with them
    string(out, r.reply());
    out.append(",\"rolls\":[");
    boolean first = true;
    for (RollResult roll : r.rolls()) {
      out.append(first ? "{\"expr\":" : ",{\"expr\":");
      first = false;
      string(out, roll.expr());
      out.append(",\"total\":");
      number(out, roll.total());
      out.append(",\"text\":");
      string(out, roll.text());
      out.append('}');
    }
    out.append("],\"micros\":").append(r.micros());
    if (r.ephemeral()) out.append(",\"ephemeral\":true");
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void string(StringBuilder out, String s) {
    if (s == null) out.append("null");
    else out.append('"').append(sidekick.core.util.Json.escaped(s)).append('"');
  }

  /** Text outside the BMP (emoji) or broken UTF-16 anywhere in the answer: rare, left to Jackson. */
  private static boolean hasSurrogate(CommandReply r) {
    if (hasSurrogate(r.reply())) return true;
    for (RollResult roll : r.rolls()) {
      if (hasSurrogate(roll.expr()) || hasSurrogate(roll.text())) return true;
    }
    return false;
  }

  private static boolean hasSurrogate(String s) {
    if (s == null) return false;
    for (int i = 0, n = s.length(); i < n; i++) {
      if (Character.isSurrogate(s.charAt(i))) return true;
    }
    return false;
  }

  private static void number(StringBuilder out, Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      out.append(n.longValue());
    } else {
      // decimals, null and the rare kinds: exactly as the tree writes them
      ObjectNode o = Json.object();
      Api.putNumber(o, "n", n);
      out.append(Json.text(o.get("n")));
    }
  }
}
