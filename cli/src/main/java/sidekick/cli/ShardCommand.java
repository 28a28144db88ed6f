package sidekick.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sidekick.bot.commands.CommandTrigger;
import sidekick.bot.commands.Origin;
import sidekick.bot.commands.ShardCommands;
import sidekick.bot.console.ConsoleShard;
import sidekick.bot.console.JLineLineSource;
import sidekick.bot.console.PlainLineSource;
import sidekick.bot.core.CoreService;
import sidekick.bot.core.RemoteCore;
import sidekick.bot.core.RetryPolicy;
import sidekick.bot.discord.DiscordShardConfig;
import sidekick.bot.discord.DiscordShards;

/** {@code sidekick shard discord|console}: run bot shards against a core (docs/bot.md). */
@Command(
    name = "shard",
    mixinStandardHelpOptions = true,
    description = "Run a bot shard (Discord or console) against a core.",
    subcommands = {ShardCommand.Discord.class, ShardCommand.Console.class})
final class ShardCommand implements Callable<Integer> {
  static final String DISCORD_TOKEN = "DISCORD_TOKEN";
  static final String SIDEKICK_TOKEN = "SIDEKICK_TOKEN";

  /** Where the environment comes from; tests replace it. */
  static Function<String, String> env = System::getenv;

  /** Signalled to stop running shards (tests; a real process stops on SIGTERM or Ctrl-C). */
  static volatile CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    throw new UserInputException("say which shard: 'sidekick shard discord' or 'sidekick shard console'");
  }

  static String requiredEnv(String name, String what) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) throw new UserInputException("set " + name + " to " + what);
    return value.strip();
  }

  static String coreUrl(String url) {
    try {
      URI uri = URI.create(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--core must be the core's URL, like http://127.0.0.1:8080 (" + e.getMessage() + ")");
    }
  }

  static ScheduledExecutorService timer() {
    return Executors.newScheduledThreadPool(
        1,
        r -> {
          Thread t = new Thread(r, "sidekick-shard-timer");
          t.setDaemon(true);
          return t;
        });
  }

  @Command(
      name = "discord",
      mixinStandardHelpOptions = true,
      description = {
        "Run Discord shard(s). The bot token comes from DISCORD_TOKEN, the core's shard token from SIDEKICK_TOKEN."
      })
  static final class Discord implements Callable<Integer> {
    @Option(names = "--core", required = true, paramLabel = "URL", description = "The core's URL, e.g. http://127.0.0.1:8080.")
    String core;

    @Option(names = "--shards", split = ",", paramLabel = "ID", description = "Shard ids this process runs (needs --shards-total).")
    List<Integer> shards = new ArrayList<>();

    @Option(names = "--shards-total", paramLabel = "N", description = "Shards of the whole bot (default: Discord's recommendation).")
    int shardsTotal;

    @Option(names = "--discord-rest", paramLabel = "URL", description = "Another Discord REST endpoint (a proxy or a fake).")
    String discordRest;

    @Option(names = "--discord-gateway", paramLabel = "URL", description = "Another Discord gateway endpoint (a proxy or a fake).")
    String discordGateway;

    @Option(names = "--prefix", paramLabel = "P", description = "Message-command prefix, repeatable (default: /r and !r).")
    List<String> prefixes = new ArrayList<>();

    @Option(names = "--no-inline", description = "Forward only prefixed messages, not inline rolls in free text.")
    boolean noInline;

    @Option(names = "--no-message-content", description = "Do not ask for the privileged message-content intent.")
    boolean noMessageContent;

    @Option(names = "--max-upload-bytes", paramLabel = "N", description = "Largest plug attachment downloaded (default: ${DEFAULT-VALUE}).")
    long maxUploadBytes = DiscordShardConfig.DEFAULT_MAX_ATTACHMENT_BYTES;

    @Option(names = "--defer-after-ms", paramLabel = "N", description = "Defer a slash command not answered within N ms (default: ${DEFAULT-VALUE}).")
    long deferAfterMillis = DiscordShardConfig.DEFAULT_DEFER_AFTER.toMillis();

    @Option(names = "--status-every-s", paramLabel = "N", description = "Status report period in seconds (default: ${DEFAULT-VALUE}).")
    long statusEverySeconds = DiscordShardConfig.DEFAULT_STATUS_INTERVAL.toSeconds();

    @Override
    public Integer call() throws Exception {
      String url = coreUrl(core);
      DiscordShardConfig config;
      CommandTrigger trigger;
      try {
        if (deferAfterMillis < 0 || deferAfterMillis > 2500) throw new IllegalArgumentException("--defer-after-ms must be 0..2500");
        if (statusEverySeconds < 1) throw new IllegalArgumentException("--status-every-s must be at least 1");
        config =
            DiscordShardConfig.of(requiredEnv(DISCORD_TOKEN, "the Discord bot token"), shards, shardsTotal)
                .withEndpoints(discordRest, discordGateway)
                .withMessageContent(!noMessageContent)
                .withLimits(maxUploadBytes, Duration.ofMillis(deferAfterMillis), Duration.ofSeconds(statusEverySeconds));
        trigger = new CommandTrigger(prefixes.isEmpty() ? CommandTrigger.DEFAULT_PREFIXES : prefixes, !noInline);
      } catch (IllegalArgumentException e) {
        throw new UserInputException(e.getMessage());
      }
      String token = requiredEnv(SIDEKICK_TOKEN, "a shard token of the core");
      ScheduledExecutorService timer = timer();
      try (CoreService coreService = RemoteCore.connect(url, token, RetryPolicy.DEFAULT, timer)) {
        DiscordShards running;
        try {
          running = DiscordShards.start(config, coreService, trigger, timer);
        } catch (InvalidTokenException e) {
          throw new UserInputException("Discord refused the bot token in DISCORD_TOKEN");
        }
        CountDownLatch done = stop;
        Thread hook = new Thread(done::countDown, "sidekick-shard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (running) {
          System.err.println("Discord shard(s) running against " + url + "; Ctrl-C stops");
          done.await();
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping: the hook is running already
          }
        }
      } finally {
        timer.shutdownNow();
      }
      return Main.EXIT_OK;
    }
  }

  @Command(
      name = "console",
      mixinStandardHelpOptions = true,
      description = {"A terminal shard: each line typed is a command in a local channel. The core's token comes from SIDEKICK_TOKEN."})
  static final class Console implements Callable<Integer> {
    @Option(names = "--core", required = true, paramLabel = "URL", description = "The core's URL, e.g. http://127.0.0.1:8080.")
    String core;

    @Option(names = "--channel", description = "The local channel (default: ${DEFAULT-VALUE}).")
    String channel = "console";

    @Option(names = "--user", description = "Your user name (default: the login name).")
    String user = System.getProperty("user.name", "me");

    /** Where the terminal keeps the lines typed, across sessions. */
    static final Path HISTORY_FILE = Path.of(System.getProperty("user.home", "."), ".sidekick_history");

    /** A command waits at most this long: the retry budget plus the core's own time. */
    static final Duration ANSWER_TIMEOUT = RetryPolicy.DEFAULT.budget().plusSeconds(20);

    @Override
    public Integer call() throws Exception {
      String url = coreUrl(core);
      if (channel.isBlank() || channel.startsWith("_")) throw new UserInputException("--channel must be a name not starting with _");
      String token = requiredEnv(SIDEKICK_TOKEN, "a shard token of the core");
      ScheduledExecutorService timer = timer();
      try (CoreService coreService = RemoteCore.connect(url, token, RetryPolicy.DEFAULT, timer)) {
        ShardCommands commands = new ShardCommands(coreService, CommandTrigger.defaults());
        Origin origin = new Origin(channel, "console", user, user, true);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (System.console() != null) {
          // A person at a terminal: line editing and a history kept across sessions.
          try (JLineLineSource lines = JLineLineSource.system(HISTORY_FILE)) {
            new ConsoleShard(commands, origin, lines, out, ANSWER_TIMEOUT).run();
          }
        } else {
          BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
          new ConsoleShard(commands, origin, new PlainLineSource(in, null), out, ANSWER_TIMEOUT).run();
        }
      } finally {
        timer.shutdown();
        timer.awaitTermination(1, TimeUnit.SECONDS);
      }
      return Main.EXIT_OK;
    }
  }
}
