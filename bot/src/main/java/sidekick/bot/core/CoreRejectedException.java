package sidekick.bot.core;

/** The core answered and refused the call (a 4xx): the message is meant for the user. */
public class CoreRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public CoreRejectedException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
