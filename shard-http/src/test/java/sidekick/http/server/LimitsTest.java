package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.http.testing.FakeCore.ADMIN;
import static sidekick.http.testing.FakeCore.SHARD;
import static sidekick.http.testing.TestServer.json;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import sidekick.http.testing.FakeCore;
import sidekick.http.testing.TestServer;

/** Rates (429 + Retry-After), CORS, slow clients: each refused properly while others are served. */
@Timeout(60)
class LimitsTest {
  @RegisterExtension static final TestServer<FakeCore> t = TestServer.onFakeCore(TestServer.config()
      .tokenRate(1, 5)
      .channelRate(1, 3)
      .anonymousRate(1, 2)
      .requestReadTimeout(Duration.ofMillis(700))
      .corsOrigins(List.of("https://app.example")));

  @Test
  void perChannelRateGives429WithRetryAfterAndOtherChannelsGoOn() {
    int ok = 0;
    HttpResponse<String> limited = null;
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = t.command(ADMIN, "busy", "u1", "/r 1");
      if (r.statusCode() == 200) ok++;
      else limited = r;
    }
    assertThat(ok).isEqualTo(3);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
    assertThat(json(limited).get("error").asText()).contains("channel");
  }

  @Test
  void perTokenRateGives429() {
    t.core.addToken("rate-secret", "t-rate", sidekick.core.TokenKind.SHARD, null, null, false);
    int limited = 0;
    for (int i = 0; i < 8; i++) {
      if (t.get("/v1/whoami", "rate-secret").statusCode() == 429) limited++;
    }
    assertThat(limited).isBetween(2, 3); // burst 5, one more per second
    assertThat(t.get("/v1/whoami", SHARD).statusCode()).isEqualTo(200);
  }

  @Test
  void callsWithoutATokenAreLimitedPerClientAddress() {
    int limited = 0;
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = t.post("/v1/apps/bind", null, "{\"code\":\"GUES-000" + i + "\"}");
      if (r.statusCode() == 429) {
        limited++;
        assertThat(r.headers().firstValue("retry-after")).isPresent();
      } else {
        assertThat(r.statusCode()).isEqualTo(404);
      }
    }
    assertThat(limited).isBetween(1, 2); // burst 2, one more per second
  }

  @Test
  void corsAllowsTheConfiguredOriginOnly() {
    HttpResponse<String> pre = t.send(t.request("/v1/commands", null).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST").build());
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");
    assertThat(pre.headers().firstValue("access-control-allow-headers").orElse("")).contains("Authorization");
    HttpResponse<String> get = t.send(t.request("/v1/whoami", SHARD).header("Origin", "https://app.example").GET().build());
    assertThat(get.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example");
    HttpResponse<String> evil = t.send(t.request("/v1/commands", null).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://evil.example").build());
    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(evil.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertThat(t.send(t.request("/v1/whoami", SHARD).header("Origin", "https://evil.example").GET().build()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void slowSenderGets408AndOthersAreServedMeanwhile() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", t.server.port())) {
      OutputStream out = slow.getOutputStream();
      out.write(("POST /v1/commands HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SHARD
          + "\r\nContent-Length: 100\r\n\r\n{\"chan").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(t.get("/healthz", null).statusCode()).isEqualTo(200);
      slow.setSoTimeout(5000);
      long start = System.nanoTime();
      String status = HttpApiTest.readStatusLine(slow.getInputStream());
      assertThat(status).startsWith("HTTP/1.1 408");
      assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(3000);
    }
  }

  @Test
  void clientThatNeverReadsDoesNotStallOthers() throws Exception {
    try (Socket greedy = new Socket("127.0.0.1", t.server.port())) {
      greedy.setReceiveBufferSize(1024);
      OutputStream out = greedy.getOutputStream();
      for (int i = 0; i < 200; i++) {
        out.write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      for (int i = 0; i < 5; i++) assertThat(t.get("/healthz", null).statusCode()).isEqualTo(200);
      InputStream in = greedy.getInputStream();
      greedy.setSoTimeout(5000);
      assertThat(HttpApiTest.readStatusLine(in)).startsWith("HTTP/1.1 200");
    }
  }
}
