package sidekick.http.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin rules: the configured origins (exact, e.g. {@code https://app.example}, or {@code *})
 * may call the API from a browser. Same-origin requests (the page served by this server) are always
 * allowed. A disallowed origin gets no CORS headers (the browser then refuses the answer), a 403 on
 * preflight and on WebSocket upgrade (browsers do not apply CORS to WebSockets).
 */
final class Cors {
  static final String ALLOW_HEADERS = "Authorization, Content-Type, Idempotency-Key";
  static final String ALLOW_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
  static final String EXPOSE_HEADERS = "Retry-After";
  static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

  private final boolean anyOrigin;
  private final Set<String> origins;

  Cors(List<String> allowedOrigins) {
    this.anyOrigin = allowedOrigins.contains("*");
    this.origins =
        allowedOrigins.stream().map(Cors::normalize).collect(Collectors.toUnmodifiableSet());
  }

  /** True when the request has no Origin, comes from this server's own origin, or an allowed one. */
  boolean allowed(HttpRequest request) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origin == null) return true;
    return isSameOrigin(origin, request.headers().get(HttpHeaderNames.HOST)) || listed(origin);
  }

  private boolean listed(String origin) {
    return anyOrigin || origins.contains(normalize(origin));
  }

  /** Adds the CORS answer headers when the request is cross-origin and allowed. */
  void decorate(HttpRequest request, HttpHeaders out) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origin == null || !listed(origin)) return;
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    out.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
    out.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS);
  }

  /** Headers of an answer to an allowed preflight. */
  void decoratePreflight(HttpRequest request, HttpHeaders out) {
    decorate(request, out);
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS);
    out.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS);
    out.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
  }

  private static boolean isSameOrigin(String origin, String host) {
    if (host == null) return false;
    String o = normalize(origin);
    String h = host.toLowerCase(Locale.ROOT);
    return o.equals("http://" + h) || o.equals("https://" + h);
  }

  private static String normalize(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
