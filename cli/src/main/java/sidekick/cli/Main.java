package sidekick.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sidekick} executable. Each command group lives in its own class; exit codes follow the
 * contract: 0 ok, 2 bad input from the user, 1 anything else.
 */
@Command(
    name = "sidekick",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Dice rolls, WebAssembly plugs and live sync for chat bots.",
    subcommands = {
      RollCommand.class,
      InlineCommand.class,
      StatsCommand.class,
      ServeCommand.class,
      ShardCommand.class,
      PlugCommand.class,
      StoreCommand.class,
      TokenCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line without exiting, so tests can call it. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(new FailureHandler())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"sidekick " + (v == null ? "dev" : v)};
    }
  }

  /** An unexpected exception is an operator problem: one line on stderr, exit 1, no stack trace. */
  static final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
      if (ex instanceof UserInputException) {
        cmd.getErr().println("error: " + ex.getMessage());
        return EXIT_BAD_INPUT;
      }
      cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      if (System.getenv("SIDEKICK_DEBUG") != null) ex.printStackTrace(cmd.getErr());
      return EXIT_FAILURE;
    }
  }
}
