package sidekick.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sidekick.plugs.ChainResult;
import sidekick.plugs.ChannelPlugs;
import sidekick.plugs.CommandInput;
import sidekick.plugs.LogLevel;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.PlugModule;
import sidekick.plugs.PlugRejectedException;
import sidekick.plugs.PlugRun;
import sidekick.plugs.PlugRuntime;
import sidekick.plugs.Segment;
import sidekick.plugs.scaffold.PlugScaffold;

/** {@code sidekick plug}: create plugs and run them locally. */
@Command(
    name = "plug",
    mixinStandardHelpOptions = true,
    description = "Create and run plugs locally.",
    subcommands = {PlugCommand.New.class, PlugCommand.Run.class})
final class PlugCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_BAD_INPUT;
  }

  /** {@code sidekick plug new NAME --lang c|assemblyscript|wat}. */
  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Scaffold a ready-to-build plug project in ./NAME (source, build script, test input).")
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "plug name: a-z, 0-9, _ and -, starting with a letter")
    String name;

    @Option(names = "--lang", defaultValue = "c", paramLabel = "LANG",
        description = "c, assemblyscript or wat (default: ${DEFAULT-VALUE})")
    PlugScaffold.Lang lang;

    @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR", description = "where to create NAME/ (default: .)")
    Path dir;

    @Override
    public Integer call() throws IOException {
      List<Path> files;
      try {
        files = PlugScaffold.create(dir, name, lang);
      } catch (IllegalArgumentException e) {
        throw new UserInputException(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("created " + dir.resolve(name));
      for (Path f : files) out.println("  " + dir.resolve(name).relativize(f));
      out.println("next: cd " + name + " && " + (lang == PlugScaffold.Lang.ASSEMBLYSCRIPT ? "npm install && npm run build" : "./build.sh")
          + " && sidekick plug run " + name + ".wasm --input test-input.json");
      out.flush();
      return Main.EXIT_OK;
    }
  }

  /** {@code sidekick plug run FILE... --text "..."}: runs plugs as a chain on one command. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run plug(s) on one command, as the server would (same sandbox and limits),",
          "and print the reply or the rewritten text. Several files run as a chain, in the order given.",
          "Exit 0 when every plug ran cleanly, 1 when one faulted, 2 for bad input or a refused module."})
  static final class Run implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "plug modules (.wasm)")
    List<Path> files;

    @Option(names = "--text", paramLabel = "TEXT", description = "the command text (default: the input's, or \"/r 1d20\")")
    String text;

    @Option(names = "--input", paramLabel = "JSON_FILE", description = "a plug input (the ABI's JSON) to start from")
    Path input;

    @Option(names = "--user-name", defaultValue = "Tester", paramLabel = "NAME", description = "userName (default: ${DEFAULT-VALUE})")
    String userName;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "config the plugs read with config_get (repeatable)")
    Map<String, String> config = new LinkedHashMap<>();

    @Option(names = "--saved", paramLabel = "NAME=EXPR", description = "a saved roll answered to saved_roll (repeatable)")
    Map<String, String> saved = new LinkedHashMap<>();

    @Option(names = "--roll-total", defaultValue = "10", paramLabel = "N",
        description = "the total the local stand-in for the dice engine answers to roll (default: ${DEFAULT-VALUE})")
    long rollTotal;

    @Option(names = "--timeout-ms", defaultValue = "1000", paramLabel = "MS",
        description = "wall time per call here (default: ${DEFAULT-VALUE}; the server allows "
            + "50 ms, a cold JVM needs more for its first calls: see --repeat)")
    long timeoutMs;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "K",
        description = "run the command K times and report the last run (warm calls, like on a server)")
    int repeat;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (timeoutMs <= 0 || repeat <= 0) throw new UserInputException("--timeout-ms and --repeat must be positive");
      CommandInput command = command();
      PlugLimits limits = PlugLimits.DEFAULTS.toBuilder()
          .callTimeout(Duration.ofMillis(timeoutMs))
          .instantiateTimeout(Duration.ofMillis(Math.max(timeoutMs, 1000)))
          .workerThreads(1)
          .build();
      try (PlugRuntime runtime = PlugRuntime.create(limits, new LocalHost(), null)) {
        ChannelPlugs channel = runtime.channel(command.channel());
        for (int i = 0; i < files.size(); i++) {
          Path f = files.get(i);
          channel.install(String.format("%02d-%s", i + 1, f.getFileName()), load(runtime, f), config);
        }
        ChainResult result = null;
        for (int i = 0; i < repeat; i++) result = channel.run(command).join();
        print(result);
        return result.runs().stream().anyMatch(r -> r.fault() != null) ? Main.EXIT_FAILURE : Main.EXIT_OK;
      }
    }

    private static PlugModule load(PlugRuntime runtime, Path f) throws IOException {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (NoSuchFileException e) {
        throw new UserInputException("no such file: " + f);
      }
      try {
        return runtime.load(bytes).join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof PlugRejectedException r) {
          throw new UserInputException(f + " refused (" + r.httpStatus() + "): " + r.getMessage());
        }
        throw e;
      }
    }

    private CommandInput command() throws IOException {
      String t = text;
      String channel = "local", server = "local", user = "u1", name = userName;
      List<Segment> segments = null;
      if (input != null) {
        JsonNode n;
        try {
          n = JSON.readTree(input.toFile());
        } catch (IOException e) {
          throw new UserInputException("cannot read " + input + ": " + e.getMessage());
        }
        if (n == null || !n.isObject()) throw new UserInputException(input + " is not a JSON object");
        if (t == null) t = n.path("text").asText(null);
        channel = n.path("channel").asText(channel);
        server = n.path("server").asText(server);
        user = n.path("user").asText(user);
        name = n.path("userName").asText(name);
        if (text == null && n.path("segments").isArray()) {
          segments = new ArrayList<>();
          for (JsonNode s : n.get("segments")) segments.add(new Segment(s.path("text").asText(""), s.path("final").asBoolean(false)));
        }
      }
      if (t == null) t = "/r 1d20";
      CommandInput c = CommandInput.of(t, channel, server, user, name);
      return segments == null ? c : c.withSegments(segments);
    }

    private void print(ChainResult r) throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode o = JSON.createObjectNode();
        o.put("reply", r.reply());
        if (r.replyBy() != null) o.put("replyBy", r.replyBy());
        ArrayNode segs = o.putArray("segments");
        for (Segment s : r.segments()) segs.addObject().put("text", s.text()).put("final", s.isFinal());
        o.put("text", r.text());
        ArrayNode runs = o.putArray("runs");
        for (PlugRun run : r.runs()) {
          ObjectNode x = runs.addObject().put("plug", run.plug()).put("action", run.action().name().toLowerCase());
          if (run.fault() != null) x.put("fault", run.fault().name().toLowerCase()).put("message", run.message());
          x.put("micros", run.micros());
        }
        out.println(JSON.writeValueAsString(o));
      } else {
        if (r.isReply()) {
          out.println("reply (" + r.replyBy() + "): " + r.reply());
        } else {
          out.println("text: " + r.text());
          for (Segment s : r.segments()) out.println("  segment" + (s.isFinal() ? " [final]" : "") + ": " + s.text());
        }
        for (PlugRun run : r.runs()) {
          out.println("plug " + run.plug() + ": " + run.action().name().toLowerCase()
              + (run.fault() == null ? "" : " " + run.fault().name().toLowerCase() + " (" + run.message() + ")")
              + ", " + run.micros() + " µs"
              + (run.micros() > PlugLimits.DEFAULT_CALL_TIMEOUT.toMillis() * 1000 ? "  (over the server's 50 ms)" : ""));
        }
      }
      out.flush();
    }

    /** Stands in for the server: a fixed roll total, saved rolls from --saved, logs on stderr. */
    private final class LocalHost implements PlugHost {
      @Override
      public RollAnswer roll(PlugCallContext context, String expr) {
        return RollAnswer.ok(rollTotal, expr + " = `" + rollTotal + "`");
      }

      @Override
      public SavedRollAnswer savedRoll(PlugCallContext context, String name) {
        String expr = saved.get(name);
        return expr == null ? SavedRollAnswer.error("no saved roll named " + name) : SavedRollAnswer.ok(expr);
      }

      @Override
      public void log(PlugCallContext context, LogLevel level, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("[" + context.plugName() + "] " + level + " " + message);
        err.flush();
      }
    }
  }
}
