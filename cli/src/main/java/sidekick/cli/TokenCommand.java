package sidekick.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sidekick.core.CoreException;
import sidekick.core.IssuedToken;
import sidekick.core.TokenAdmin;
import sidekick.core.TokenInfo;
import sidekick.core.TokenKind;
import sidekick.core.TokenSpec;

/**
 * {@code sidekick token new|revoke|ls}: API tokens, managed directly on the data directory (also while
 * {@code sidekick serve} runs on it: it sees revocations within a second and closes those sessions).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Create, revoke and list API tokens (only a hash of each token is stored).",
    subcommands = {TokenCommand.New.class, TokenCommand.Revoke.class, TokenCommand.Ls.class})
final class TokenCommand implements Callable<Integer> {
  static final String DEFAULT_DATA = "./sidekick-data";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: new, revoke or ls");
  }

  /** Options every subcommand has. */
  static class DataOption {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = DEFAULT_DATA,
        description = "The data directory of the core (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--json", description = "Print JSON on stdout.")
    boolean json;
  }

  /** Core errors the user can fix (unknown id, no data) exit 2; others exit 1. */
  static RuntimeException translate(CoreException e) {
    if (e.status() == CoreException.Status.INTERNAL) return e;
    return new UserInputException(e.getMessage());
  }

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = {"Create a token; the token itself goes to stdout, shown this once.",
          "Example: SIDEKICK_TOKEN=$(sidekick token new --kind shard --label eu)"})
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin DataOption opts = new DataOption();

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "shard or app.")
    String kind;

    @Option(names = "--user", paramLabel = "U", description = "For an app token: the user it acts as.")
    String user;

    @Option(names = "--channel", paramLabel = "C", description = "For an app token: the channel it is bound to.")
    String channel;

    @Option(names = "--manage-plugs", description = "For an app token: may manage the channel's plugs.")
    boolean managePlugs;

    @Option(names = "--label", paramLabel = "TEXT", description = "A note for operators (shown by ls).")
    String label;

    @Override
    public Integer call() {
      TokenKind k;
      try {
        k = TokenKind.parse(kind);
      } catch (CoreException e) {
        throw new UserInputException("--kind must be shard or app, not '" + kind + "'");
      }
      TokenSpec tokenSpec;
      switch (k) {
        case SHARD -> {
          if (user != null || channel != null || managePlugs) {
            throw new UserInputException("--user, --channel and --manage-plugs are for app tokens only");
          }
          tokenSpec = TokenSpec.shard(label);
        }
        case APP -> {
          if (blank(user) || blank(channel)) throw new UserInputException("an app token needs --user and --channel");
          tokenSpec = TokenSpec.app(user, channel, managePlugs, label);
        }
        default -> throw new UserInputException(
            "admin tokens are made by the server at its first start (delete DATA/admin.token to make a new one)");
      }
      IssuedToken t;
      try (TokenAdmin admin = TokenAdmin.open(opts.data, true)) {
        t = admin.create(tokenSpec);
      } catch (CoreException e) {
        throw translate(e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (opts.json) {
        ObjectNode o = info(t.info());
        o.put("token", t.token());
        out.println(o);
      } else {
        out.println(t.token());
        spec.commandLine().getErr().println("created " + k.wireName() + " token " + t.info().id()
            + " (the token above is shown only this once)");
      }
      out.flush();
      return Main.EXIT_OK;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a token by id; sessions holding it are closed within a second.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin DataOption opts = new DataOption();

    @Parameters(paramLabel = "ID", description = "The token id (see `sidekick token ls`).")
    String id;

    @Override
    public Integer call() {
      TokenInfo info;
      try (TokenAdmin admin = TokenAdmin.open(opts.data)) {
        info = admin.revoke(id);
      } catch (CoreException e) {
        throw translate(e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (opts.json) out.println(info(info));
      else out.println("revoked " + info.kind().wireName() + " token " + info.id());
      out.flush();
      return Main.EXIT_OK;
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "List tokens, newest first.")
  static final class Ls implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin DataOption opts = new DataOption();

    @Option(names = "--all", description = "Also list revoked tokens.")
    boolean all;

    @Override
    public Integer call() {
      List<TokenInfo> tokens;
      try (TokenAdmin admin = TokenAdmin.open(opts.data)) {
        tokens = admin.list().stream().filter(t -> all || !t.revoked()).toList();
      } catch (CoreException e) {
        throw translate(e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (opts.json) {
        ArrayNode arr = JSON.createArrayNode();
        tokens.forEach(t -> arr.add(info(t)));
        out.println(arr);
      } else {
        out.printf("%-12s  %-5s  %-12s  %-12s  %-6s  %-24s  %s%n", "ID", "KIND", "USER", "CHANNEL", "PLUGS", "CREATED", "LABEL");
        for (TokenInfo t : tokens) {
          out.printf("%-12s  %-5s  %-12s  %-12s  %-6s  %-24s  %s%s%n", t.id(), t.kind().wireName(), dash(t.user()),
              dash(t.channel()), t.canManagePlugs() ? "yes" : "no", t.createdAt(), dash(t.label()),
              t.revoked() ? "  (revoked " + t.revokedAt() + ")" : "");
        }
      }
      out.flush();
      return Main.EXIT_OK;
    }
  }

  static ObjectNode info(TokenInfo t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", t.id());
    o.put("kind", t.kind().wireName());
    o.put("user", t.user());
    o.put("channel", t.channel());
    o.put("canManagePlugs", t.canManagePlugs());
    o.put("label", t.label());
    o.put("createdAt", t.createdAt().toString());
    o.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
    return o;
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
