package sidekick.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sidekick plug}: Create and run plugs locally. Not built yet; its issue builds it. */
@Command(name = "plug", mixinStandardHelpOptions = true, description = "Create and run plugs locally.")
final class PlugCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sidekick plug is not built yet");
    return Main.EXIT_FAILURE;
  }
}
