package sidekick.cli;

/** Thrown by a command when the user's input is wrong: the CLI prints the message and exits 2. */
public class UserInputException extends RuntimeException {
  public UserInputException(String message) {
    super(message);
  }
}
