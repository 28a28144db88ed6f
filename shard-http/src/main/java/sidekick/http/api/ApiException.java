package sidekick.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API refuses, with the HTTP status to answer and a message for the client. Becomes
 * {@code {"error": message, ...extra}} over HTTP and a type-4 error frame over WebSocket.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final transient ObjectNode extra;
  private final long retryAfterSeconds;

  public ApiException(int status, String message) {
    this(status, message, null, 0);
  }

  public ApiException(int status, String message, ObjectNode extra, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.extra = extra;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "missing, unknown or revoked token");
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, message);
  }

  public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
    return new ApiException(429, message, null, retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  /** Extra fields for the error body (e.g. a dice expression's "position"), or null. */
  public ObjectNode extra() {
    return extra;
  }

  /** Seconds for a Retry-After header; 0 when none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
