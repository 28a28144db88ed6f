package sidekick.store;

/**
 * A stored blob failed verification: it did not decode, or its length or sha256 differ from its key.
 * The bytes are never returned (HTTP 500; the operator runs {@code sidekick store check}).
 */
public final class CorruptBlobException extends StoreException {
  private static final long serialVersionUID = 1L;

  public CorruptBlobException(String message) {
    super(message);
  }

  public CorruptBlobException(String message, Throwable cause) {
    super(message, cause);
  }
}
