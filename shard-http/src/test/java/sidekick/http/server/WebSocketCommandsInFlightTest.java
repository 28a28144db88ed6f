package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.http.server.LongPollTest.awaitTrue;
import static sidekick.http.testing.FakeCore.SHARD;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import sidekick.http.api.Json;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameType;
import sidekick.http.testing.FakeCore;
import sidekick.http.testing.TestServer;
import sidekick.http.testing.WsTestClient;

/**
 * WebSocket commands in a channel with plugs start on the event loop and are answered by the
 * thread that finished them (here a stand-in for the plug workers), never by a blocking worker;
 * the per-socket in-flight limit follows those answers: taken on admission, given back exactly once
 * however the command ends.
 */
@Timeout(60)
class WebSocketCommandsInFlightTest {
  static final int LIMIT = 8;

  final ServerConfig.Builder config = TestServer.config().maxInFlightPerSocket(LIMIT);
  TestServer<FakeCore> t;
  ExecutorService plugWorkers;
  ListAppender<ILoggingEvent> logs;

  @BeforeEach
  void start() throws Exception {
    t = new TestServer<>(new FakeCore(), config);
    plugWorkers = Executors.newCachedThreadPool();
    t.core.plugWorkers = plugWorkers;
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    CountDownLatch g = t.core.gate;
    if (g != null) g.countDown();
    t.close();
    plugWorkers.shutdownNow();
  }

  static JsonNode json(Frame f) {
    return Json.parseObject(f.payload());
  }

  static void command(WsTestClient c, int id, String key) {
    String idempotency = key == null ? "" : ",\"idempotencyKey\":\"" + key + "\"";
    c.send(FrameType.MESSAGE, "command", "{\"id\":" + id + ",\"channel\":\"plugged\",\"user\":\"u1\",\"userName\":\"Grog\","
        + "\"text\":\"/r " + id + "\"" + idempotency + "}");
  }

  /** A socket with commands 0..n-1 sent and all waiting at the core's gate (keys: prefix + id, or none). */
  WsTestClient withCommandsAtTheGate(CountDownLatch gate, int n, String keyPrefix) throws Exception {
    t.core.gate = gate;
    WsTestClient c = WsTestClient.authenticated(t, SHARD);
    for (int i = 0; i < n; i++) command(c, i, keyPrefix == null ? null : keyPrefix + i);
    awaitTrue(() -> t.core.arrivals.get() == n);
    return c;
  }

  /** Nothing was logged at WARN or above (no exception thrown anywhere and reported). */
  void assertNothingWentWrong() {
    assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
  }

  @Test
  void manyPluggedCommandsOnOneSocketStayWithinTheLimitAndAreAllAnsweredOnceWithTheirIds() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    t.core.gate = gate;
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      for (int i = 0; i < 20; i++) command(c, i, i % 2 == 0 ? "k" + i : null);
      // the first LIMIT reach the core and wait there; the rest are refused at once, with their ids
      Set<Integer> refused = new HashSet<>();
      for (int i = 0; i < 20 - LIMIT; i++) {
        Frame f = c.next();
        assertThat(f.type()).isEqualTo(FrameType.ERROR);
        assertThat(json(f).get("status").asInt()).isEqualTo(429);
        refused.add(json(f).get("id").asInt());
      }
      awaitTrue(() -> t.core.arrivals.get() == LIMIT);
      assertThat(refused).hasSize(20 - LIMIT).allMatch(id -> id >= LIMIT);
      gate.countDown();
      Map<Integer, JsonNode> answers = new HashMap<>();
      for (int i = 0; i < LIMIT; i++) {
        Frame f = c.next();
        assertThat(f.type()).as(f.toString()).isEqualTo(FrameType.MESSAGE);
        JsonNode a = json(f);
        assertThat(answers.put(a.get("id").asInt(), a)).as("answered once").isNull();
      }
      assertThat(answers.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
      answers.forEach((id, a) -> assertThat(a.get("rolls").get(0).get("expr").asText()).isEqualTo(String.valueOf(id)));
      awaitTrue(() -> t.server.inFlight() == 0);

      // every slot came back exactly once: the next batch is admitted up to the limit again, not beyond
      CountDownLatch second = new CountDownLatch(1);
      t.core.gate = second;
      for (int i = 100; i < 100 + LIMIT + 1; i++) command(c, i, null);
      assertThat(json(c.next()).get("status").asInt()).isEqualTo(429);
      awaitTrue(() -> t.core.arrivals.get() == 2 * LIMIT);
      second.countDown();
      for (int i = 0; i < LIMIT; i++) assertThat(c.next().type()).isEqualTo(FrameType.MESSAGE);
    }
    assertThat(t.core.blockingCalls.get()).as("no command took a blocking worker").isZero();
    assertThat(t.core.executions.get()).isEqualTo(2 * LIMIT);
    assertNothingWentWrong();
  }

  @Test
  void aSocketClosingWithCommandsInFlightLeaksNoSlotAndThrowsNothing() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (WsTestClient c = withCommandsAtTheGate(gate, LIMIT, null)) {
      assertThat(t.server.inFlight()).isEqualTo(LIMIT);
      c.ws.abort();
    }
    awaitTrue(() -> t.server.metrics().scrape().contains("sidekick_ws_sessions 0\n"));
    gate.countDown(); // the commands end after their socket: answers dropped, slots given back
    awaitTrue(() -> t.core.executions.get() == LIMIT);
    awaitTrue(() -> t.server.inFlight() == 0);
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      command(c, 1, null);
      assertThat(json(c.next()).get("id").asInt()).isEqualTo(1);
    }
    assertNothingWentWrong();
  }

  @Test
  void aRepeatedIdempotencyKeyGetsTheFirstAnswerWithoutASecondRunAndNoThreadWaits() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    t.core.gate = gate;
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD); WsTestClient other = WsTestClient.authenticated(t, SHARD)) {
      command(c, 1, "same");
      awaitTrue(() -> t.core.arrivals.get() == 1);
      command(c, 2, "same"); // while the first still runs
      command(other, 3, "same"); // on another socket
      gate.countDown();
      Map<Integer, JsonNode> answers = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        JsonNode a = json(c.next());
        answers.put(a.get("id").asInt(), a);
      }
      answers.put(3, json(other.next()));
      command(c, 4, "same"); // after it finished
      answers.put(4, json(c.next()));
      assertThat(answers.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4);
      for (JsonNode a : answers.values()) assertThat(a.get("reply")).isEqualTo(answers.get(1).get("reply"));
    }
    assertThat(t.core.executions.get()).as("one roll").isEqualTo(1);
    assertThat(t.core.blockingCalls.get()).isZero();
    awaitTrue(() -> t.server.inFlight() == 0);
  }

  @Test
  void aFailedCommandGivesItsSlotBackWithItsError() throws Exception {
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      for (int i = 0; i < 3 * LIMIT; i++) {
        c.send(FrameType.MESSAGE, "command", "{\"id\":" + i + ",\"channel\":\"plugged\",\"user\":\"u1\",\"text\":\"/r !bad\"}");
        Frame f = c.next();
        assertThat(f.type()).isEqualTo(FrameType.ERROR);
        assertThat(json(f).get("status").asInt()).isEqualTo(400);
        assertThat(json(f).get("position").asInt()).isZero();
        assertThat(json(f).get("id").asInt()).isEqualTo(i);
      }
    }
    awaitTrue(() -> t.server.inFlight() == 0);
    assertNothingWentWrong();
  }

  @Test
  void aGracefulShutdownWaitsForPluggedCommandsAndAnswersThemBeforeClosing() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (WsTestClient c = withCommandsAtTheGate(gate, 3, "drain")) {
      CompletableFuture<HttpResponse<String>> overHttp = t.http.sendAsync(t.request("/v1/commands", SHARD)
          .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"plugged\",\"user\":\"u1\",\"text\":\"/r 9\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      awaitTrue(() -> t.core.arrivals.get() == 4);
      Thread closing = new Thread(t.server::close, "closing");
      closing.start();
      closing.join(200);
      assertThat(closing.isAlive()).as("close waits for the commands in flight").isTrue();
      gate.countDown();
      closing.join(10_000);
      Set<Integer> answered = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        Frame f = c.next();
        assertThat(f.type()).as(f.toString()).isEqualTo(FrameType.MESSAGE);
        answered.add(json(f).get("id").asInt());
      }
      assertThat(answered).containsExactlyInAnyOrder(0, 1, 2);
      assertThat(c.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
      HttpResponse<String> r = overHttp.get(5, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).contains("\"expr\":\"9\"");
    }
  }

  @Test
  void aSocketClosedWhileItsTokenIsCheckedIsNotLeftRegisteredForRevocation() throws Exception {
    CountDownLatch authGate = new CountDownLatch(1);
    t.core.authGate = authGate;
    WsTestClient c = new WsTestClient(t.wsUrl());
    c.send(FrameType.AUTH, "auth", "{\"token\":\"" + SHARD + "\"}");
    awaitTrue(() -> t.server.inFlight() == 1); // the check waits on a worker
    c.ws.abort();
    awaitTrue(() -> t.server.metrics().scrape().contains("sidekick_ws_sessions 0\n"));
    authGate.countDown();
    awaitTrue(() -> t.server.inFlight() == 0);
    assertThat(t.server.metrics().scrape()).contains("sidekick_token_sessions 0\n");
    assertNothingWentWrong();
  }
}
