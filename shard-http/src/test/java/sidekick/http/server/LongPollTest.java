package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.http.testing.FakeCore.SHARD;
import static sidekick.http.testing.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import sidekick.core.TokenKind;
import sidekick.http.testing.FakeCore;
import sidekick.http.testing.TestServer;

/** Long polling: parked requests wake on the core's event listener, time out, clean up. */
@Timeout(60)
class LongPollTest {
  @RegisterExtension static final TestServer<FakeCore> t = TestServer.onFakeCore(TestServer.config());

  /**
   * The machine is shared and noisy, so one warm-up round is not counted and the median of the
   * others must be under 100 ms (every one under a second: a polling loop would not be).
   */
  @Test
  void parkedPollWakesWithin100msOfAnEvent() throws Exception {
    java.util.List<Long> wakeMillis = new java.util.ArrayList<>();
    for (int round = 0; round < 8; round++) {
      String channel = "wake" + round;
      CompletableFuture<HttpResponse<String>> poll = t.http.sendAsync(
          t.request("/v1/channels/" + channel + "/events?after=0&wait=20", SHARD).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      awaitTrue(() -> t.core.listenerCount(channel) == 1);
      Thread.sleep(50);
      assertThat(poll).isNotDone();
      long appended = System.nanoTime();
      t.core.append(channel, "roll", "\"expr\":\"1d20\"");
      HttpResponse<String> r = poll.get(5, TimeUnit.SECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - appended);
      if (round > 0) wakeMillis.add(millis);
      JsonNode body = json(r);
      assertThat(body.get("events")).hasSize(1);
      assertThat(body.get("events").get(0).get("type").asText()).isEqualTo("roll");
      assertThat(body.get("next").asLong()).isEqualTo(1);
      awaitTrue(() -> t.core.listenerCount(channel) == 0);
    }
    java.util.Collections.sort(wakeMillis);
    assertThat(wakeMillis.get(wakeMillis.size() / 2)).as("median wake-up of %s", wakeMillis).isLessThan(100);
    assertThat(wakeMillis.get(wakeMillis.size() - 1)).as("slowest wake-up of %s", wakeMillis).isLessThan(1000);
  }

  @Test
  void existingEventsAnswerAtOnce() {
    t.core.append("backlog", "roll", "");
    t.core.append("backlog", "reply", "");
    long start = System.nanoTime();
    JsonNode body = json(t.get("/v1/channels/backlog/events?after=1&wait=60", SHARD));
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30); // not the wait
    assertThat(body.get("events")).hasSize(1);
    assertThat(body.get("events").get(0).get("seq").asLong()).isEqualTo(2);
    assertThat(body.get("next").asLong()).isEqualTo(2);
  }

  @Test
  void emptyAnswerWhenTheWaitRunsOut() {
    long start = System.nanoTime();
    HttpResponse<String> r = t.get("/v1/channels/quiet/events?after=7&wait=1", SHARD);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(millis).isBetween(900L, 15000L);
    assertThat(json(r).get("events")).isEmpty();
    assertThat(json(r).get("next").asLong()).isEqualTo(7);
    assertThat(t.core.listenerCount("quiet")).isZero();
  }

  @Test
  void aClientThatLeavesIsUnsubscribed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", t.server.port())) {
      s.getOutputStream().write(("GET /v1/channels/gone/events?after=0&wait=30 HTTP/1.1\r\nHost: x\r\n"
          + "Authorization: Bearer " + SHARD + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      awaitTrue(() -> t.core.listenerCount("gone") == 1);
    }
    awaitTrue(() -> t.core.listenerCount("gone") == 0);
  }

  @Test
  void revokingTheTokenEndsAParkedPollWith401() throws Exception {
    t.core.addToken("poll-secret", "t-poll", TokenKind.SHARD, null, null, false);
    CompletableFuture<HttpResponse<String>> poll = t.http.sendAsync(
        t.request("/v1/channels/rev/events?after=0&wait=30", "poll-secret").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    awaitTrue(() -> t.core.listenerCount("rev") == 1);
    long revoked = System.nanoTime();
    t.core.revoke("poll-secret");
    HttpResponse<String> r = poll.get(5, TimeUnit.SECONDS);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked)).isLessThan(1000);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(t.get("/v1/channels/rev/events?after=0&wait=1", "poll-secret").statusCode()).isEqualTo(401);
  }

  @Test
  void waitIsCappedAndValidated() {
    assertThat(t.get("/v1/channels/x/events?after=0&wait=-1", SHARD).statusCode()).isEqualTo(400);
    assertThat(t.get("/v1/channels/x/events?after=zero&wait=1", SHARD).statusCode()).isEqualTo(400);
    assertThat(t.get("/v1/channels/x/events?after=0&wait=1", FakeCore.APP).statusCode()).isEqualTo(403);
  }

  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 5 s");
      Thread.sleep(5);
    }
  }
}
