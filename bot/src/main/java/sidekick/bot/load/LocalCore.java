package sidekick.bot.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.core.Principal;
import sidekick.core.TokenSpec;
import sidekick.http.server.ServerConfig;
import sidekick.http.server.SidekickServer;

/**
 * The real core and its server in this process, on 127.0.0.1 and an ephemeral port, with a data
 * directory of its own: for end-to-end tests and load runs of the shards. {@link #restart()} stops
 * the server and starts it again on the same port and data, as an operator's restart would.
 */
public final class LocalCore implements AutoCloseable {
  private final Path data;
  private final boolean ownsData;
  private final ServerConfig.Builder serverConfig;
  private Core core;
  private SidekickServer server;
  private final String shardToken;
  private final int port;

  private LocalCore(Path data, boolean ownsData, ServerConfig.Builder serverConfig) throws InterruptedException {
    this.data = data;
    this.ownsData = ownsData;
    this.serverConfig = serverConfig;
    this.core = Core.open(data, CoreConfig.defaults());
    this.server = SidekickServer.start(core, serverConfig.bind("127.0.0.1", 0).build());
    this.port = server.port();
    this.shardToken = core.createToken(Principal.localAdmin(), TokenSpec.shard("local shard")).token();
  }

  /** A core in a fresh temporary directory, deleted on close. */
  public static LocalCore start(ServerConfig.Builder serverConfig) throws IOException, InterruptedException {
    return new LocalCore(Files.createTempDirectory("sidekick-local-core"), true, serverConfig);
  }

  public static LocalCore start() throws IOException, InterruptedException {
    return start(ServerConfig.builder());
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public String shardToken() {
    return shardToken;
  }

  public Core core() {
    return core;
  }

  /** Stops the server and the core (the port refuses connections until {@link #startAgain()}). */
  public synchronized void stop() {
    if (server != null) server.close();
    if (core != null) core.close();
    server = null;
    core = null;
  }

  /** Starts the core and the server again on the same port and data directory. */
  public synchronized void startAgain() throws InterruptedException {
    if (server != null) return;
    core = Core.open(data, CoreConfig.defaults());
    server = SidekickServer.start(core, serverConfig.bind("127.0.0.1", port).build());
  }

  @Override
  public synchronized void close() {
    stop();
    if (ownsData) {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is no failure
      }
    }
  }
}
