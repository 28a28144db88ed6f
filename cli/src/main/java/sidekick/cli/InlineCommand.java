package sidekick.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sidekick inline}: Find and roll every dice expression inside free chat text. Not built yet; its issue builds it. */
@Command(name = "inline", mixinStandardHelpOptions = true, description = "Find and roll every dice expression inside free chat text.")
final class InlineCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("sidekick inline is not built yet");
    return Main.EXIT_FAILURE;
  }
}
