package sidekick.http.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the core is and how patient to be. {@code baseUrl} is the server's root
 * ({@code http://127.0.0.1:8080}); the WebSocket URL is derived from it.
 */
public record CoreClientConfig(
    URI baseUrl,
    String token,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration httpFallbackAfter,
    Duration minBackoff,
    Duration maxBackoff,
    Duration pingEvery) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** A command not answered in this time fails with status 0. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
  /** A request waiting this long for the WebSocket goes over HTTP instead (same idempotency key). */
  public static final Duration DEFAULT_HTTP_FALLBACK_AFTER = Duration.ofSeconds(2);
  public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  /** Keeps the socket clear of the server's idle timeout (120 s by default). */
  public static final Duration DEFAULT_PING_EVERY = Duration.ofSeconds(30);

  public CoreClientConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(token, "token");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("the core URL must be http:// or https://, got " + baseUrl);
    }
  }

  public static CoreClientConfig of(URI baseUrl, String token) {
    return new CoreClientConfig(baseUrl, token, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_HTTP_FALLBACK_AFTER, DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_PING_EVERY);
  }

  public CoreClientConfig withTimeouts(Duration request, Duration httpFallbackAfter) {
    return new CoreClientConfig(baseUrl, token, connectTimeout, request, httpFallbackAfter, minBackoff,
        maxBackoff, pingEvery);
  }

  public CoreClientConfig withBackoff(Duration min, Duration max) {
    return new CoreClientConfig(baseUrl, token, connectTimeout, requestTimeout, httpFallbackAfter, min,
        max, pingEvery);
  }

  URI webSocketUrl() {
    String root = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(root.replaceFirst("^http", "ws") + "/v1/ws");
  }

  URI http(String path) {
    return URI.create(baseUrl.toString().replaceAll("/+$", "") + path);
  }
}
