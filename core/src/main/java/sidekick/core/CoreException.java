package sidekick.core;

/**
 * The one exception the core throws to its callers. {@link #status()} says which HTTP status the server
 * answers with; {@link #getMessage()} is safe to show to a client (never a stack trace or internals).
 */
public final class CoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kind of failure, with the HTTP status a server maps it to. */
  public enum Status {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    TOO_LARGE(413),
    TOO_MANY_REQUESTS(429),
    INTERNAL(500);

    private final int http;

    Status(int http) {
      this.http = http;
    }

    public int http() {
      return http;
    }
  }

  private final Status status;
  private final Integer position;
  private final Integer retryAfterSeconds;

  public CoreException(Status status, String message) {
    this(status, message, null, null, null);
  }

  public CoreException(Status status, String message, Integer position, Integer retryAfterSeconds, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.position = position;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static CoreException badRequest(String message) {
    return new CoreException(Status.BAD_REQUEST, message);
  }

  /** A bad dice expression: {@code position} is the 0-based index of the problem, or null when unknown. */
  public static CoreException badExpression(String message, Integer position) {
    return new CoreException(Status.BAD_REQUEST, message, position, null, null);
  }

  public static CoreException forbidden(String message) {
    return new CoreException(Status.FORBIDDEN, message);
  }

  public static CoreException notFound(String message) {
    return new CoreException(Status.NOT_FOUND, message);
  }

  public static CoreException tooLarge(String message) {
    return new CoreException(Status.TOO_LARGE, message);
  }

  /** An operator problem: the client sees only a generic message; the cause goes to the log. */
  public static CoreException internal(String message, Throwable cause) {
    return new CoreException(Status.INTERNAL, message, null, null, cause);
  }

  public Status status() {
    return status;
  }

  /** 0-based index into a dice expression where the problem is, when known (for {@code "position"}). */
  public Integer position() {
    return position;
  }

  /** For {@link Status#TOO_MANY_REQUESTS}: the {@code Retry-After} seconds, when known. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
