package sidekick.http.frame;

/** A frame that breaks the layout of CONTRACT §3; the message says what is wrong, for the peer. */
public final class FrameException extends Exception {
  public FrameException(String message) {
    super(message);
  }
}
