package sidekick.core.db;

/** A storage failure: an operator problem, answered 500 to clients and logged. */
public final class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
