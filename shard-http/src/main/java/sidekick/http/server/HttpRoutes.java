package sidekick.http.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sidekick.http.api.ApiException;
import sidekick.http.api.Json;
import sidekick.http.api.Op;

/**
 * The {@code /v1} routes of CONTRACT §2 and docs/protocol.md: a method and a path template with
 * {@code {name}} segments, mapped to an {@link Op}. Path parameters become arguments of the call.
 */
final class HttpRoutes {
  /** A matched route: the operation and the path parameters (none: null). */
  record Match(Op op, ObjectNode pathArgs) {
    /** Adds the path parameters to a call's arguments. */
    void addTo(ObjectNode args) {
      if (pathArgs != null) args.setAll(pathArgs);
    }
  }

  private record Route(HttpMethod method, String[] segments, Op op) {}

  private static final List<Route> ROUTES = new ArrayList<>();
  /** Routes without path parameters by path and method: most requests (commands) are found at once. */
  private static final Map<String, Map<HttpMethod, Match>> FIXED = new HashMap<>();

  static {
    add(HttpMethod.POST, "/v1/commands", Op.COMMAND);
    add(HttpMethod.PUT, "/v1/channels/{channel}/plugs/{name}", Op.PLUG_PUT);
    add(HttpMethod.GET, "/v1/channels/{channel}/plugs", Op.PLUG_LIST);
    add(HttpMethod.DELETE, "/v1/channels/{channel}/plugs/{name}", Op.PLUG_RM);
    add(HttpMethod.GET, "/v1/channels/{channel}/events", Op.EVENTS);
    add(HttpMethod.GET, "/v1/store/stats", Op.STORE_STATS);
    add(HttpMethod.GET, "/v1/stats", Op.STATS);
    add(HttpMethod.POST, "/v1/apps/bind", Op.APPS_BIND);
    add(HttpMethod.POST, "/v1/shards/status", Op.SHARD_STATUS);
    add(HttpMethod.GET, "/v1/shards", Op.SHARDS);
    add(HttpMethod.GET, "/v1/whoami", Op.WHOAMI);
  }

  private HttpRoutes() {}

  private static void add(HttpMethod method, String template, Op op) {
    ROUTES.add(new Route(method, template.substring(1).split("/"), op));
    if (!template.contains("{")) {
      FIXED.computeIfAbsent(template, t -> new HashMap<>()).put(method, new Match(op, null));
    }
  }

  /**
   * The route for a request; 404 when no route has this path, 405 when the path exists for other
   * methods only.
   */
  static Match match(HttpMethod method, String path) {
    Map<HttpMethod, Match> fixed = FIXED.get(path);
    Match found = fixed == null ? null : fixed.get(method);
    if (found != null) return found;
    String[] parts = path.substring(1).split("/", -1);
    boolean pathExists = false;
    for (Route r : ROUTES) {
      ObjectNode args = bind(r.segments, parts);
      if (args == null) continue;
      if (r.method.equals(method) || (method.equals(HttpMethod.HEAD) && r.method.equals(HttpMethod.GET))) {
        return new Match(r.op, args.isEmpty() ? null : args);
      }
      pathExists = true;
    }
    if (pathExists) throw new ApiException(405, "method " + method + " not allowed on " + path);
    throw ApiException.notFound("no such endpoint: " + path);
  }

  private static ObjectNode bind(String[] template, String[] parts) {
    if (template.length != parts.length) return null;
    ObjectNode args = null;
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{")) {
        String value = QueryStringDecoder.decodeComponent(parts[i]);
        if (value.isEmpty()) return null;
        if (args == null) args = Json.object();
        args.put(t.substring(1, t.length() - 1), value);
      } else if (!t.equals(parts[i])) {
        return null;
      }
    }
    return args == null ? Json.object() : args;
  }
}
