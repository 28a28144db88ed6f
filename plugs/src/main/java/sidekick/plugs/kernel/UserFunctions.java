package sidekick.plugs.kernel;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugHost.RollAnswer;
import sidekick.plugs.PlugHost.SavedRollAnswer;

/**
 * Sidekick's own host functions ({@code extism:host/user}): {@code roll} and {@code saved_roll},
 * each taking and returning the offset of a UTF-8 JSON block, answered by the core's {@link
 * PlugHost}. Each call counts against the per-call host call budget.
 */
public final class UserFunctions {
  public static final String MODULE = "extism:host/user";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final FunctionType OFFSET_TO_OFFSET =
      FunctionType.of(new ValType[] {ValType.I64}, new ValType[] {ValType.I64});

  private UserFunctions() {}

  public static List<HostFunction> functions(KernelSession s) {
    return List.of(
        function(s, "roll", "expr", expr -> rollJson(s.host.roll(s.call.context, expr))),
        function(s, "saved_roll", "name", name -> savedJson(s.host.savedRoll(s.call.context, name))));
  }

  /** The function types, for the upload check. */
  public static FunctionType type() {
    return OFFSET_TO_OFFSET;
  }

  private static HostFunction function(
      KernelSession s, String name, String field, Function<String, ObjectNode> answer) {
    return new HostFunction(
        MODULE,
        name,
        OFFSET_TO_OFFSET,
        (instance, args) -> {
          s.countHostCall(name);
          ObjectNode reply;
          String arg = argument(s.memory.readBlock(args[0]), field);
          if (arg == null) {
            reply = error("expected a JSON object with a string \"" + field + "\"");
          } else {
            try {
              reply = answer.apply(arg);
            } catch (RuntimeException e) {
              reply = error("host failure: " + e.getMessage());
            }
          }
          return new long[] {s.memory.write(bytes(reply))};
        });
  }

  private static String argument(byte[] json, String field) {
    try {
      JsonNode node = JSON.readTree(json);
      JsonNode value = node == null ? null : node.get(field);
      return value != null && value.isTextual() ? value.asText() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static ObjectNode rollJson(RollAnswer a) {
    if (a == null) return error("no answer");
    if (a.error() != null) return error(a.error());
    ObjectNode n = JSON.createObjectNode();
    Number total = a.total();
    if (total instanceof Double || total instanceof Float) {
      double d = total.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) n.put("total", (long) d);
      else n.put("total", d);
    } else if (total instanceof java.math.BigDecimal bd) {
      n.put("total", bd);
    } else if (total != null) {
      n.put("total", total.longValue());
    }
    n.put("text", a.text());
    return n;
  }

  private static ObjectNode savedJson(SavedRollAnswer a) {
    if (a == null) return error("no answer");
    if (a.error() != null) return error(a.error());
    return JSON.createObjectNode().put("expr", a.expr());
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
