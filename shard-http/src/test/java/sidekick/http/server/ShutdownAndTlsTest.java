package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sidekick.http.testing.FakeCore.SHARD;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sidekick.http.testing.FakeCore;
import sidekick.http.testing.TestServer;

/** Graceful shutdown drains requests in flight; TLS serves https when given a certificate. */
@Timeout(60)
class ShutdownAndTlsTest {

  @Test
  void shutdownLetsRequestsInFlightFinishAndRefusesNewOnes() throws Exception {
    FakeCore core = new FakeCore();
    TestServer<?> t = new TestServer<>(core, TestServer.config());
    CountDownLatch gate = new CountDownLatch(1);
    core.gate = gate;
    CompletableFuture<HttpResponse<String>> inFlight = t.http.sendAsync(
        t.request("/v1/commands", SHARD).POST(HttpRequest.BodyPublishers.ofString(
            "{\"channel\":\"c1\",\"user\":\"u1\",\"text\":\"/r 1d6\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    LongPollTest.awaitTrue(() -> core.arrivals.get() == 1);
    Thread closer = new Thread(t.server::close);
    closer.start();
    LongPollTest.awaitTrue(() -> !isAccepting(t));
    Thread.sleep(200);
    assertThat(inFlight).isNotDone();
    gate.countDown();
    HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("1d6");
    closer.join(10_000);
    assertThat(closer.isAlive()).isFalse();
  }

  @Test
  void shutdownTellsWebSocketClientsTheServerIsGoingAway() throws Exception {
    FakeCore core = new FakeCore();
    TestServer<?> t = new TestServer<>(core, TestServer.config());
    try (sidekick.http.testing.WsTestClient c = sidekick.http.testing.WsTestClient.authenticated(t, SHARD)) {
      t.close();
      assertThat(c.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
    }
  }

  @Test
  void shutdownAnswersParkedLongPolls() throws Exception {
    FakeCore core = new FakeCore();
    TestServer<?> t = new TestServer<>(core, TestServer.config());
    CompletableFuture<HttpResponse<String>> poll = t.http.sendAsync(
        t.request("/v1/channels/parked/events?after=4&wait=50", SHARD).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    LongPollTest.awaitTrue(() -> core.listenerCount("parked") == 1);
    long start = System.nanoTime();
    t.close();
    HttpResponse<String> r = poll.get(10, TimeUnit.SECONDS);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(8);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"events\":[],\"next\":4}");
    assertThat(core.listenerCount("parked")).isZero();
  }

  private static boolean isAccepting(TestServer<?> t) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", t.server.port())) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void servesHttpsWithTheGivenCertificate() throws Exception {
    Path cert = resource("tls/cert.pem");
    Path key = resource("tls/key.pem");
    try (TestServer<?> t = new TestServer<>(new FakeCore(), TestServer.config().tls(cert, key))) {
      assertThat(t.server.url()).startsWith("https://127.0.0.1:");
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).build();
      HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(t.server.url() + "/v1/whoami"))
          .header("Authorization", "Bearer " + SHARD).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("shard");
      // plain HTTP on the TLS port gets nothing useful
      assertThatThrownBy(() -> t.get("/healthz", null)).isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void aBadCertificateIsRefusedAtStart() {
    Path cert = resource("tls/README.md");
    assertThatThrownBy(() -> new TestServer<>(new FakeCore(), TestServer.config().tls(cert, cert)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLS");
  }

  static Path resource(String name) {
    try {
      return Path.of(ShutdownAndTlsTest.class.getClassLoader().getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static SSLContext trusting(Path certFile) throws Exception {
    X509Certificate cert;
    try (InputStream in = java.nio.file.Files.newInputStream(certFile)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("test", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
