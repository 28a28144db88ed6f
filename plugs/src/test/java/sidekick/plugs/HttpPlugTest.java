package sidekick.plugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sidekick.plugs.TestPlugs.command;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP plugs: same JSON in and out over POST, allow-listed hosts, same time limit. */
class HttpPlugTest {
  private HttpServer server;
  private PlugRuntime runtime;
  private final AtomicReference<String> received = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/reply", ex -> {
      received.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = "{\"action\":\"reply\",\"text\":\"from http\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/slow", ex -> {
      try {
        Thread.sleep(4000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.createContext("/huge", ex -> {
      ex.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) ' ');
      try (var out = ex.getResponseBody()) {
        for (int i = 0; i < 100; i++) out.write(chunk);
      } catch (java.io.IOException ignored) {
        // the client stops reading
      }
      ex.close();
    });
    server.createContext("/fail", ex -> {
      ex.sendResponseHeaders(500, -1);
      ex.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    runtime = PlugRuntime.create(
        PlugLimits.builder().httpAllowedHosts(Set.of("127.0.0.1")).callTimeout(Duration.ofMillis(1000)).build(),
        PlugHost.NONE, null);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    runtime.close();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void postsTheAbiJsonAndAppliesTheAnswer() throws Exception {
    runtime.close();
    runtime = PlugRuntime.create(TestPlugs.RELAXED.toBuilder().httpAllowedHosts(Set.of("127.0.0.1")).build(),
        PlugHost.NONE, null);
    ChannelPlugs ch = runtime.channel("c1");
    PlugInfo info = ch.installHttp("h", url("/reply"));
    assertThat(info.kind()).isEqualTo(PlugInfo.Kind.HTTP);
    ChainResult r = ch.run(command("/r 1d20")).join();
    assertThat(r.reply()).isEqualTo("from http");
    assertThat(received.get()).contains("\"v\":1").contains("\"text\":\"/r 1d20\"").contains("\"userName\":\"Grog\"");
  }

  @Test
  void slowEndpointIsATimeoutAndFailuresArePlugErrors() throws Exception {
    ChannelPlugs warm = runtime.channel("warm");
    warm.installHttp("w", url("/reply"));
    warm.run(command("x")).join(); // the JDK's HTTP client is slow on its very first request
    ChannelPlugs ch = runtime.channel("c1");
    ch.installHttp("a-slow", url("/slow"));
    ch.installHttp("b-fail", url("/fail"));
    ch.installHttp("c-huge", url("/huge"));
    ChainResult r = ch.run(command("x")).join();
    assertThat(r.runs()).extracting(PlugRun::fault)
        .containsExactly(FaultKind.TIMEOUT, FaultKind.PLUG_ERROR, FaultKind.BAD_OUTPUT);
    assertThat(r.text()).isEqualTo("x");
  }

  @Test
  void hostsOffTheAllowListAreRefused() {
    ChannelPlugs ch = runtime.channel("c1");
    assertThatThrownBy(() -> ch.installHttp("x", URI.create("http://example.com/plug")))
        .isInstanceOf(PlugRejectedException.class)
        .hasMessageContaining("example.com");
    assertThatThrownBy(() -> ch.installHttp("x", URI.create("file:///etc/passwd")))
        .isInstanceOf(PlugRejectedException.class);
  }
}
