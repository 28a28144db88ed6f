package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.http.testing.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.core.IssuedToken;
import sidekick.core.Principal;
import sidekick.core.TokenSpec;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameType;
import sidekick.http.testing.TestServer;
import sidekick.http.testing.WsTestClient;

/** End to end on the real core, opened on a temporary data directory. */
@Timeout(120)
class RealCoreTest {
  @RegisterExtension static final TestServer<Core> t = TestServer.onRealCore(TestServer.config());
  static String admin;
  static String shard;

  @BeforeAll
  static void tokens() throws Exception {
    admin = t.adminToken();
    shard = t.newShardToken("test shard");
  }

  @Test
  void rollCommandOverHttp() {
    HttpResponse<String> r = t.command(shard, "real", "u1", "/r 1d20+5 # attack");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("reply").asText()).isNotBlank();
    JsonNode roll = body.get("rolls").get(0);
    assertThat(roll.get("total").asLong()).isBetween(6L, 25L);
    assertThat(t.command(shard, "real", "u1", "just talking").body()).contains("\"reply\":null");
  }

  @Test
  void authOnTheRealCore() {
    assertThat(t.command("not-a-token", "real", "u1", "/r 1").statusCode()).isEqualTo(401);
    assertThat(t.get("/v1/store/stats", shard).statusCode()).isEqualTo(403);
    assertThat(t.get("/v1/store/stats", admin).statusCode()).isEqualTo(200);
    assertThat(json(t.get("/v1/whoami", admin)).get("kind").asText()).isEqualTo("admin");
  }

  @Test
  void longPollWakesOnACommandOfAnotherClient() throws Exception {
    long next = json(t.get("/v1/channels/lp/events?after=0", shard)).get("next").asLong();
    CompletableFuture<HttpResponse<String>> poll = t.http.sendAsync(
        t.request("/v1/channels/lp/events?after=" + next + "&wait=30", shard).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    assertThat(poll).isNotDone();
    assertThat(t.command(shard, "lp", "u1", "/r 2d6").statusCode()).isEqualTo(200);
    JsonNode events = json(poll.get(10, TimeUnit.SECONDS)).get("events");
    assertThat(events).isNotEmpty();
    assertThat(events.get(0).get("seq").asLong()).isEqualTo(next + 1);
  }

  @Test
  void invalidPlugIsRefusedWithTheReason() {
    HttpResponse<String> r = t.send(t.request("/v1/channels/real/plugs/junk?user=u1", shard)
        .header("Content-Type", "application/wasm")
        .PUT(HttpRequest.BodyPublishers.ofString("definitely not wasm")).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).isNotBlank();
  }

  @Test
  void commandAndSubscriptionOverWebSocket() throws Exception {
    try (WsTestClient c = WsTestClient.authenticated(t, shard)) {
      c.send(FrameType.MESSAGE, "subscribe", "{\"id\":1,\"channel\":\"ws-real\",\"after\":0}");
      assertThat(c.next().type()).isEqualTo(FrameType.SYNC);
      c.send(FrameType.MESSAGE, "command", "{\"id\":2,\"channel\":\"ws-real\",\"user\":\"u1\",\"userName\":\"Grog\",\"text\":\"/r 1d6\"}");
      boolean answered = false;
      boolean broadcast = false;
      for (int i = 0; i < 6 && !(answered && broadcast); i++) {
        Frame f = c.next();
        if (f.type() == FrameType.MESSAGE && f.name().equals("command")) answered = true;
        if (f.type() == FrameType.BROADCAST) broadcast = true;
      }
      assertThat(answered).isTrue();
      assertThat(broadcast).isTrue();
    }
  }

  /** Commands without idempotency key are answered on the event loop, like over HTTP: same answers, same errors. */
  @Test
  void webSocketCommandsOnTheEventLoopAnswerAndFailLikeTheWorkerPath() throws Exception {
    try (WsTestClient c = WsTestClient.authenticated(t, shard)) {
      // the first command loads the channel (worker path), the later ones are quick
      for (int i = 1; i <= 3; i++) {
        c.send(FrameType.MESSAGE, "command",
            "{\"id\":" + i + ",\"channel\":\"ws-quick\",\"user\":\"u1\",\"text\":\"/r 1d20+5\"}");
        Frame f = c.next();
        assertThat(f.type()).isEqualTo(FrameType.MESSAGE);
        JsonNode answer = sidekick.http.api.Json.parseObject(f.payload());
        assertThat(answer.get("id").asInt()).isEqualTo(i);
        assertThat(answer.get("rolls").get(0).get("total").asLong()).isBetween(6L, 25L);
      }
      c.send(FrameType.MESSAGE, "command", "{\"id\":\"chat\",\"channel\":\"ws-quick\",\"user\":\"u1\",\"text\":\"hello all\"}");
      JsonNode chat = sidekick.http.api.Json.parseObject(c.next().payload());
      assertThat(chat.get("id").asText()).isEqualTo("chat");
      assertThat(chat.get("reply").isNull()).isTrue();
      c.send(FrameType.MESSAGE, "command", "{\"id\":\"bad\",\"channel\":\"ws-quick\",\"user\":\"u1\"}");
      Frame err = c.next();
      assertThat(err.type()).isEqualTo(FrameType.ERROR);
      JsonNode error = sidekick.http.api.Json.parseObject(err.payload());
      assertThat(error.get("id").asText()).isEqualTo("bad");
      assertThat(error.get("status").asInt()).isEqualTo(400);
      assertThat(error.get("error").asText()).contains("text");
    }
    String metrics = t.get("/metrics", admin).body();
    assertThat(metrics).contains("sidekick_http_requests_total{route=\"ws:command\",status=\"200\"}");
    assertThat(metrics).contains("sidekick_http_requests_total{route=\"ws:command\",status=\"400\"}");
  }

  @Test
  void plugSwapChangesTheNextAnswerWithoutARestart() throws Exception {
    byte[] shout = Files.readAllBytes(Path.of("../plugs/examples/wat/shout.wasm"));
    byte[] pass = Files.readAllBytes(Path.of("../plugs/examples/wat/pass.wasm"));
    HttpResponse<String> put = t.send(t.request("/v1/channels/swap/plugs/p?user=u1", shard)
        .header("Content-Type", "application/wasm").PUT(HttpRequest.BodyPublishers.ofByteArray(shout)).build());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    assertThat(json(put).get("hash").asText()).hasSize(64);
    String loud = json(t.command(shard, "swap", "u1", "/shout hello")).get("reply").asText();
    assertThat(loud).contains("HELLO!");
    HttpResponse<String> swap = t.send(t.request("/v1/channels/swap/plugs/p?user=u1", shard)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(pass)).build());
    assertThat(swap.statusCode()).isEqualTo(201);
    assertThat(json(swap).get("replaced").asBoolean()).isTrue();
    JsonNode after = json(t.command(shard, "swap", "u1", "/shout hello"));
    assertThat(after.toString()).doesNotContain("HELLO!");
    JsonNode plugs = json(t.get("/v1/channels/swap/plugs", shard));
    assertThat(plugs.get(0).get("calls").asLong()).isPositive();
  }

  @Test
  void shardStatusShowsOnMetricsAndTheSystemFeed() {
    assertThat(t.post("/v1/shards/status", shard,
        "{\"shard\":0,\"shardsTotal\":1,\"state\":\"CONNECTED\",\"guilds\":12,\"latencyMillis\":41,\"queue\":0}")
        .statusCode()).isEqualTo(204);
    String metrics = t.get("/metrics", null).body();
    assertThat(metrics).contains("sidekick_shard_guilds").contains("sidekick_commands_total")
        .contains("sidekick_http_requests_total{route=\"shard.status\",status=\"204\"}");
    JsonNode feed = json(t.get("/v1/channels/_system/events?after=0", admin));
    assertThat(feed.get("events").toString()).contains("shard_status");
    assertThat(json(t.get("/v1/shards", admin)).get(0).get("guilds").asInt()).isEqualTo(12);
  }

  @Test
  void revokingARealTokenClosesItsSession() throws Exception {
    IssuedToken temp = t.core.createToken(Principal.localAdmin(), TokenSpec.shard("temp"));
    try (WsTestClient c = WsTestClient.authenticated(t, temp.token())) {
      long start = System.nanoTime();
      t.core.revokeToken(Principal.localAdmin(), temp.info().id());
      assertThat(c.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(4401);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
    }
    assertThat(t.get("/v1/whoami", temp.token()).statusCode()).isEqualTo(401);
  }
}
