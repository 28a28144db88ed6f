package sidekick.store;

/** A channel, plug, server or user name is empty, too long or holds control characters (HTTP 400). */
public final class InvalidNameException extends StoreException {
  private static final long serialVersionUID = 1L;

  public InvalidNameException(String message) {
    super(message);
  }
}
