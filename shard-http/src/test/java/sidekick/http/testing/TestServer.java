package sidekick.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.plugs.PlugLimits;
import sidekick.core.Principal;
import sidekick.core.TokenSpec;
import sidekick.http.api.Json;
import sidekick.http.server.ServerConfig;
import sidekick.http.server.SidekickServer;

/**
 * A real server on an ephemeral port of 127.0.0.1 and a real HTTP client talking to it. Either
 * started at once ({@code new TestServer<>(core, config)}, closed by the test), or as the shared
 * fixture of a test class, started before its tests and closed after them:
 * {@code @RegisterExtension static final TestServer<FakeCore> t = TestServer.onFakeCore(config())}
 * (a static field: one server for the class; an instance field: one per test).
 */
public final class TestServer<C extends Core>
    implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  public C core;
  public SidekickServer server;
  public final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  private final Opener<C> opener;
  private final ServerConfig.Builder config;
  private Path dataDir;
  private boolean perClass;

  public TestServer(C core, ServerConfig.Builder config) throws InterruptedException {
    this.opener = null;
    this.config = config;
    this.core = core;
    this.server = SidekickServer.start(core, config.bind("127.0.0.1", 0).build());
  }

  /** Opens the core of a fixture (and may give it a data directory to delete after). */
  private interface Opener<C extends Core> {
    C open(TestServer<C> fixture) throws Exception;
  }

  private TestServer(ServerConfig.Builder config, Opener<C> opener) {
    this.opener = opener;
    this.config = config;
  }

  /** A fixture on an in-memory {@link FakeCore} (failure injection, counting executions). */
  public static TestServer<FakeCore> onFakeCore(ServerConfig.Builder config) {
    return new TestServer<>(config, fixture -> new FakeCore());
  }

  /**
   * The real core's settings in these tests: the defaults, but a plug call limit that a cold first
   * call survives on a loaded 2-core machine (these tests are about the server, not plug time limits;
   * the plugs module tests those). A plug stuck in a loop is still stopped, after half a second.
   */
  static final CoreConfig REAL_CORE_CONFIG = CoreConfig.builder()
      .plugLimits(PlugLimits.builder().callTimeout(Duration.ofMillis(500)).build()).build();

  /** A fixture on the real core, opened on a fresh temporary data directory (deleted after). */
  public static TestServer<Core> onRealCore(ServerConfig.Builder config) {
    return new TestServer<>(config, fixture -> {
      fixture.dataDir = Files.createTempDirectory("sidekick-http-test");
      return Core.open(fixture.dataDir, REAL_CORE_CONFIG);
    });
  }

  /** The admin token the real core wrote at its first start. */
  public String adminToken() throws IOException {
    return Files.readString(core.adminTokenFile()).trim();
  }

  /** A new shard token, made directly on the core. */
  public String newShardToken(String label) {
    return core.createToken(Principal.localAdmin(), TokenSpec.shard(label)).token();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    perClass = true;
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (!perClass) start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) close();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private void start() throws Exception {
    core = opener.open(this);
    server = SidekickServer.start(core, config.bind("127.0.0.1", 0).build());
  }

  /** Test defaults: small limits so that tests reach them cheaply. */
  public static ServerConfig.Builder config() {
    return ServerConfig.builder()
        .maxBodyBytes(64 * 1024)
        .maxUploadBytes(256 * 1024)
        .maxFrameBytes(64 * 1024)
        .tokenRate(0, 0)
        .channelRate(0, 0)
        .workerThreads(4)
        .ioThreads(2)
        .shutdownDrain(Duration.ofSeconds(5));
  }

  public URI uri(String path) {
    return URI.create(server.url() + path);
  }

  public String wsUrl() {
    return server.url().replace("http://", "ws://") + "/v1/ws";
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  public HttpResponse<String> get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  public HttpResponse<String> post(String path, String token, String json) {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> command(String token, String channel, String user, String text) {
    return post("/v1/commands", token,
        "{\"channel\":\"" + channel + "\",\"server\":\"s1\",\"user\":\"" + user
            + "\",\"userName\":\"Grog\",\"text\":\"" + text + "\",\"canManagePlugs\":false}");
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  @Override
  public void close() {
    if (server != null) server.close();
    if (core != null) core.close();
    server = null;
    if (dataDir != null) deleteQuietly(dataDir);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the OS cleans up what is left
    }
  }
}
