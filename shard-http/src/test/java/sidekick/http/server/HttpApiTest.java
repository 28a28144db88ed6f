package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.http.testing.FakeCore.ADMIN;
import static sidekick.http.testing.FakeCore.APP;
import static sidekick.http.testing.FakeCore.SHARD;
import static sidekick.http.testing.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import sidekick.http.testing.FakeCore;
import sidekick.http.testing.TestServer;

/** Every HTTP call of the API against a real server (on an in-memory t.core), with the auth matrix. */
@Timeout(60)
class HttpApiTest {
  @RegisterExtension static final TestServer<FakeCore> t = TestServer.onFakeCore(TestServer.config());

  @Test
  void healthzAnswersOk() {
    HttpResponse<String> r = t.get("/healthz", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\n");
  }

  @Test
  void commandAnswersTheReply() {
    HttpResponse<String> r = t.command(SHARD, "c1", "u1", "/r 1d20+5");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
    JsonNode body = json(r);
    assertThat(body.get("reply").asText()).startsWith("**Grog** 1d20+5 = ");
    assertThat(body.get("rolls").get(0).get("expr").asText()).isEqualTo("1d20+5");
    assertThat(body.get("rolls").get(0).get("total").isIntegralNumber()).isTrue();
    assertThat(body.get("micros").asLong()).isEqualTo(42);
  }

  @Test
  void textThatIsNoCommandAnswersNullReply() {
    HttpResponse<String> r = t.command(SHARD, "c1", "u1", "hello there");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"reply\":null}");
  }

  @Test
  void authMatrix() {
    // no token, unknown token, malformed header: 401
    assertThat(t.command(null, "c1", "u1", "/r 1").statusCode()).isEqualTo(401);
    assertThat(t.command("nope", "c1", "u1", "/r 1").statusCode()).isEqualTo(401);
    HttpResponse<String> basic = t.send(t.request("/v1/whoami", null).header("Authorization", "Basic eDp5").GET().build());
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(json(basic).get("error").asText()).isNotBlank();
    // app token: own channel and user only
    assertThat(t.command(APP, "c1", "u1", "/r 1").statusCode()).isEqualTo(200);
    assertThat(t.command(APP, "c2", "u1", "/r 1").statusCode()).isEqualTo(403);
    assertThat(t.command(APP, "c1", "u2", "/r 1").statusCode()).isEqualTo(403);
    // admin-only calls
    assertThat(t.get("/v1/store/stats", ADMIN).statusCode()).isEqualTo(200);
    assertThat(t.get("/v1/store/stats", SHARD).statusCode()).isEqualTo(403);
    assertThat(t.get("/v1/store/stats", APP).statusCode()).isEqualTo(403);
    assertThat(t.get("/v1/store/stats", null).statusCode()).isEqualTo(401);
    assertThat(t.get("/v1/shards", SHARD).statusCode()).isEqualTo(403);
    // every /v1 call but apps/bind needs a token
    for (String path : List.of("/v1/whoami", "/v1/shards", "/v1/channels/c1/plugs", "/v1/channels/c1/events", "/v1/stats?expr=1d6")) {
      assertThat(t.get(path, null).statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void forbiddenChangesNothing() {
    int before = t.core.executions.get();
    assertThat(t.command(APP, "c2", "u1", "/r 1").statusCode()).isEqualTo(403);
    assertThat(t.command(null, "c1", "u1", "/r 1").statusCode()).isEqualTo(401);
    assertThat(t.core.executions.get()).isEqualTo(before);
    HttpResponse<String> put = t.send(t.request("/v1/channels/c1/plugs/dice?user=u1", APP)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(wasm(100))).build());
    assertThat(put.statusCode()).isEqualTo(403);
    assertThat(json(t.get("/v1/channels/c1/plugs", APP))).isEmpty();
  }

  @Test
  void whoamiSaysWhoCalls() {
    JsonNode app = json(t.get("/v1/whoami", APP));
    assertThat(app.get("kind").asText()).isEqualTo("app");
    assertThat(app.get("user").asText()).isEqualTo("u1");
    assertThat(app.get("channel").asText()).isEqualTo("c1");
    assertThat(json(t.get("/v1/whoami", SHARD)).get("kind").asText()).isEqualTo("shard");
  }

  @Test
  void malformedJsonIsA400AndTheConnectionKeepsServing() {
    for (String bad : List.of("{", "not json", "[1,2]", "", "{\"channel\": \"c1\"} trailing", "{\"channel\": 5, \"user\": {}}")) {
      HttpResponse<String> r = t.post("/v1/commands", SHARD, bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(r).get("error").asText()).as(bad).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }
    HttpResponse<String> missing = t.post("/v1/commands", SHARD, "{\"channel\":\"c1\",\"user\":\"u1\"}");
    assertThat(json(missing).get("error").asText()).isEqualTo("missing field \"text\"");
    assertThat(t.command(SHARD, "c1", "u1", "/r 1").statusCode()).isEqualTo(200);
  }

  @Test
  void hostileJsonAndHeadersAreRefusedCleanly() throws Exception {
    HttpResponse<String> deep = t.post("/v1/commands", SHARD, "[".repeat(50_000));
    assertThat(deep.statusCode()).isEqualTo(400);
    HttpResponse<String> deepObject = t.post("/v1/commands", SHARD, "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
    assertThat(deepObject.statusCode()).isEqualTo(400);
    HttpResponse<String> latin1 = t.send(t.request("/v1/commands", SHARD)
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'})).build());
    assertThat(latin1.statusCode()).isEqualTo(400);
    try (Socket s = new Socket("127.0.0.1", t.server.port())) {
      s.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(5000);
      assertThat(readStatusLine(s.getInputStream())).matches("HTTP/1.1 4\\d\\d .*");
    }
    try (Socket s = new Socket("127.0.0.1", t.server.port())) {
      s.getOutputStream().write("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(5000);
      assertThat(readStatusLine(s.getInputStream())).startsWith("HTTP/1.1 400");
    }
    assertThat(t.command(SHARD, "c1", "u1", "/r 1").statusCode()).isEqualTo(200);
  }

  @Test
  void oversizedBodyIs413() {
    String big = "{\"text\":\"" + "x".repeat(70 * 1024) + "\"}";
    HttpResponse<String> r = t.post("/v1/commands", SHARD, big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("error").asText()).contains("larger than");
    // a plug upload may be larger than a JSON body, but not larger than the upload limit
    HttpResponse<String> ok = t.send(t.request("/v1/channels/c3/plugs/big?user=u1", SHARD)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(wasm(100 * 1024))).build());
    assertThat(ok.statusCode()).isEqualTo(201);
    HttpResponse<String> tooBig = t.send(t.request("/v1/channels/c3/plugs/huge?user=u1", SHARD)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(wasm(300 * 1024))).build());
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(t.command(SHARD, "c1", "u1", "/r 1").statusCode()).isEqualTo(200);
  }

  @Test
  void chunkedOversizedBodyIs413() throws Exception {
    try (Socket s = new Socket("127.0.0.1", t.server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/commands HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SHARD
          + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[16 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      String status = null;
      try {
        for (int i = 0; i < 8; i++) {
          out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (java.io.IOException closedByServer) {
        // the server answered and closed while we were still sending: expected
      }
      status = readStatusLine(s.getInputStream());
      assertThat(status).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs405() {
    HttpResponse<String> r = t.get("/v1/nothing", SHARD);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).has("error")).isTrue();
    assertThat(t.get("/v1/commands", SHARD).statusCode()).isEqualTo(405);
    assertThat(t.get("/no/such/page.html", null).statusCode()).isEqualTo(404);
    assertThat(t.get("/../../etc/passwd", null).statusCode()).isEqualTo(404);
    assertThat(t.get("/client/../../sidekick/http/server/SidekickServer.class", null).statusCode()).isEqualTo(404);
  }

  @Test
  void statsAndBadExpressionWithPosition() {
    HttpResponse<String> ok = t.get("/v1/stats?expr=1d6", APP);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).get("mean").asDouble()).isEqualTo(3.5);
    HttpResponse<String> bad = t.get("/v1/stats?expr=2d6%21", APP);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("position").asInt()).isEqualTo(3);
  }

  @Test
  void plugPutListDelete() {
    HttpResponse<String> put = t.send(t.request("/v1/channels/plugs-c/plugs/dice?user=u1", SHARD)
        .header("Content-Type", "application/wasm").PUT(HttpRequest.BodyPublishers.ofByteArray(wasm(1000))).build());
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(json(put).get("len").asInt()).isEqualTo(1000);
    assertThat(json(put).get("hash").asText()).hasSize(64);
    JsonNode list = json(t.get("/v1/channels/plugs-c/plugs", SHARD));
    assertThat(list.isArray()).isTrue();
    assertThat(list.get(0).get("name").asText()).isEqualTo("dice");
    assertThat(list.get(0).get("uploadedBy").asText()).isEqualTo("u1");
    HttpResponse<String> invalid = t.send(t.request("/v1/channels/plugs-c/plugs/bad", SHARD)
        .PUT(HttpRequest.BodyPublishers.ofString("hello world")).build());
    assertThat(invalid.statusCode()).isEqualTo(400);
    HttpResponse<String> del = t.send(t.request("/v1/channels/plugs-c/plugs/dice", SHARD).DELETE().build());
    assertThat(del.statusCode()).isEqualTo(204);
    assertThat(t.send(t.request("/v1/channels/plugs-c/plugs/dice", SHARD).DELETE().build()).statusCode()).isEqualTo(404);
  }

  @Test
  void appsBindNeedsNoTokenButAValidCode() {
    HttpResponse<String> ok = t.post("/v1/apps/bind", null, "{\"code\":\"ABCD-1234\"}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).get("token").asText()).isEqualTo("bound-secret");
    assertThat(json(ok).get("channel").asText()).isEqualTo("c9");
    assertThat(t.post("/v1/apps/bind", null, "{\"code\":\"WXYZ-0000\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void shardStatusIsStoredAndListed() {
    HttpResponse<String> r = t.post("/v1/shards/status", SHARD,
        "{\"shard\":0,\"shardsTotal\":1,\"state\":\"CONNECTED\",\"guilds\":12,\"latencyMillis\":41,\"queue\":0}");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(t.post("/v1/shards/status", APP, "{\"shard\":0,\"state\":\"X\"}").statusCode()).isEqualTo(403);
    JsonNode shards = json(t.get("/v1/shards", ADMIN));
    assertThat(shards.get(0).get("state").asText()).isEqualTo("CONNECTED");
    assertThat(shards.get(0).get("reportedAt").asText()).isNotBlank();
  }

  @Test
  void eventsReadWithoutWait() {
    t.command(SHARD, "ev-c", "u1", "/r 2");
    t.command(SHARD, "ev-c", "u1", "/r 3");
    JsonNode page = json(t.get("/v1/channels/ev-c/events?after=0", SHARD));
    assertThat(page.get("events")).hasSize(2);
    assertThat(page.get("events").get(0).get("seq").asLong()).isEqualTo(1);
    assertThat(page.get("next").asLong()).isEqualTo(2);
    assertThat(t.get("/v1/channels/ev-c/events?after=x", SHARD).statusCode()).isEqualTo(400);
  }

  @Test
  void metricsInPrometheusFormat() {
    t.command(SHARD, "c1", "u1", "/r 1");
    HttpResponse<String> r = t.get("/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
    assertThat(r.body())
        .contains("sidekick_http_requests_total{route=\"command\",status=\"200\"}")
        .contains("sidekick_http_request_seconds_bucket{route=\"command\",le=\"+Inf\"}")
        .contains("# TYPE sidekick_plug_calls_total counter")
        .contains("sidekick_plug_calls_total{channel=\"c1\",plug=\"dice\"} 7")
        .contains("sidekick_ws_sessions ");
  }

  @Test
  void staticFilesWithTypesAndCaching() {
    HttpResponse<String> js = t.get("/client/test-probe.js", null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(js.headers().firstValue("cache-control")).hasValue("public, max-age=300");
    String etag = js.headers().firstValue("etag").orElseThrow();
    HttpResponse<String> again = t.send(t.request("/client/test-probe.js", null).header("If-None-Match", etag).GET().build());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(t.get("/test-probe.css", null).headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
    assertThat(t.get("/client", null).statusCode()).isEqualTo(404);
  }

  @Test
  void idempotencyKeyGivesTheFirstAnswerOnRetry() {
    HttpRequest req = t.request("/v1/commands", SHARD).header("Idempotency-Key", "k-123")
        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"idem\",\"user\":\"u1\",\"text\":\"/r 1d20\"}")).build();
    int before = t.core.executions.get();
    String first = t.send(req).body();
    String second = t.send(req).body();
    assertThat(second).isEqualTo(first);
    assertThat(t.core.executions.get()).isEqualTo(before + 1);
    // the same key from another token is another request
    HttpRequest asAdmin = t.request("/v1/commands", ADMIN).header("Idempotency-Key", "k-123")
        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"idem\",\"user\":\"u1\",\"text\":\"/r 1d20\"}")).build();
    t.send(asAdmin);
    assertThat(t.core.executions.get()).isEqualTo(before + 2);
  }

  @Test
  void aKnownCallersCommandWithAnIdempotencyKeyHoldsNoBlockingWorker() {
    java.util.concurrent.ExecutorService plugWorkers = java.util.concurrent.Executors.newSingleThreadExecutor();
    t.core.plugWorkers = plugWorkers; // the fake core now knows callers in memory and starts commands without blocking
    try {
      HttpRequest req = t.request("/v1/commands", SHARD).header("Idempotency-Key", "k-async")
          .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"idem\",\"user\":\"u1\",\"text\":\"/r 1d20\"}")).build();
      int executions = t.core.executions.get();
      int blocking = t.core.blockingCalls.get();
      HttpResponse<String> first = t.send(req);
      HttpResponse<String> second = t.send(req);
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      assertThat(second.body()).isEqualTo(first.body());
      assertThat(t.core.executions.get()).isEqualTo(executions + 1);
      assertThat(t.core.blockingCalls.get()).as("commands run on a blocking worker").isEqualTo(blocking);
    } finally {
      t.core.plugWorkers = null;
      plugWorkers.shutdownNow();
    }
  }

  @Test
  void concurrentRequestsOnManyConnections() {
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(t.http.sendAsync(t.request("/v1/commands", SHARD)
          .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"many\",\"user\":\"u1\",\"text\":\"/r 1d6\"}")).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (var f : all) assertThat(f.join().statusCode()).isEqualTo(200);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    try (Socket s = new Socket("127.0.0.1", t.server.port())) {
      StringBuilder reqs = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        String body = "{\"channel\":\"pipe\",\"user\":\"u1\",\"text\":\"/r " + (i + 1) + "d6\"}";
        reqs.append("POST /v1/commands HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ").append(SHARD)
            .append("\r\nContent-Length: ").append(body.length()).append("\r\n\r\n").append(body);
      }
      s.getOutputStream().write(reqs.toString().getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(5000);
      String all = readUntil(s.getInputStream(), "3d6");
      assertThat(all.indexOf("1d6")).isLessThan(all.indexOf("2d6"));
      assertThat(all.indexOf("2d6")).isLessThan(all.indexOf("3d6"));
    }
  }

  static byte[] wasm(int size) {
    byte[] b = new byte[size];
    b[1] = 'a';
    b[2] = 's';
    b[3] = 'm';
    return b;
  }

  static String readStatusLine(InputStream in) throws Exception {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') sb.append((char) c);
    return sb.toString().trim();
  }

  static String readUntil(InputStream in, String marker) throws Exception {
    StringBuilder sb = new StringBuilder();
    byte[] buf = new byte[4096];
    while (!sb.toString().contains(marker)) {
      int n = in.read(buf);
      if (n < 0) break;
      sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
    }
    // read a little more to get the whole third answer
    return sb.toString();
  }
}
