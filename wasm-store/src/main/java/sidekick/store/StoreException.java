package sidekick.store;

/**
 * A store operation failed for a reason that is not the caller's fault (I/O, database, a bug).
 * A server maps it to 500. Subclasses name the cases a caller can act on.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
