package sidekick.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sidekick stats}: Exact probability distribution of a dice expression. Not built yet; its issue builds it. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Exact probability distribution of a dice expression.")
final class StatsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sidekick stats is not built yet");
    return Main.EXIT_FAILURE;
  }
}
