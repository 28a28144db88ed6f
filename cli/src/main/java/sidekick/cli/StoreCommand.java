package sidekick.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sidekick store}: Inspect and maintain the WASM store. Not built yet; its issue builds it. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Inspect and maintain the WASM store.")
final class StoreCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sidekick store is not built yet");
    return Main.EXIT_FAILURE;
  }
}
