package sidekick.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sidekick serve}: Run the core server (HTTP, WebSocket, web page). Not built yet; its issue builds it. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the core server (HTTP, WebSocket, web page).")
final class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sidekick serve is not built yet");
    return Main.EXIT_FAILURE;
  }
}
