package sidekick.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sidekick roll}: Roll one dice expression. Not built yet; its issue builds it. */
@Command(name = "roll", mixinStandardHelpOptions = true, description = "Roll one dice expression.")
final class RollCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sidekick roll is not built yet");
    return Main.EXIT_FAILURE;
  }
}
