package sidekick.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sidekick token}: Create and revoke API tokens. Not built yet; its issue builds it. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create and revoke API tokens.")
final class TokenCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sidekick token is not built yet");
    return Main.EXIT_FAILURE;
  }
}
