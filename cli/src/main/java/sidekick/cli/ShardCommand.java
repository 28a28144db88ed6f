package sidekick.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sidekick shard}: Run a bot shard (Discord or console). Not built yet; its issue builds it. */
@Command(name = "shard", mixinStandardHelpOptions = true, description = "Run a bot shard (Discord or console).")
final class ShardCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sidekick shard is not built yet");
    return Main.EXIT_FAILURE;
  }
}
