package sidekick.http.client;

/**
 * A request the core refused or that could not be completed. {@link #status()} is the HTTP status
 * the core answered (400, 401, 403, 404, 413, 429, 500), or 0 when no answer came (timeout, closed).
 */
public final class CoreClientException extends RuntimeException {
  private final int status;

  public CoreClientException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
