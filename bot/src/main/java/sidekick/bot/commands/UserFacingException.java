package sidekick.bot.commands;

/** A failure on the shard whose message the user should see (an attachment too large, say). */
public class UserFacingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserFacingException(String message) {
    super(message);
  }
}
