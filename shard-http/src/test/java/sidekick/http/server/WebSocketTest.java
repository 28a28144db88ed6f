package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.http.testing.FakeCore.APP;
import static sidekick.http.testing.FakeCore.SHARD;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import sidekick.core.TokenKind;
import sidekick.http.api.Json;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameType;
import sidekick.http.testing.FakeCore;
import sidekick.http.testing.TestServer;
import sidekick.http.testing.WsTestClient;

/** The WebSocket API of CONTRACT §3 with real WebSocket clients, broken frames included. */
@Timeout(60)
class WebSocketTest {
  @RegisterExtension static final TestServer<FakeCore> t = TestServer.onFakeCore(TestServer.config().maxInFlightPerSocket(8));

  static JsonNode json(Frame f) {
    return Json.parseObject(f.payload());
  }

  @Test
  void authThenCommandWithId() throws Exception {
    try (WsTestClient c = new WsTestClient(t.wsUrl())) {
      c.send(FrameType.AUTH, "auth", "{\"token\":\"" + SHARD + "\"}");
      Frame auth = c.next();
      assertThat(auth.type()).isEqualTo(FrameType.AUTH);
      assertThat(json(auth).get("ok").asBoolean()).isTrue();
      assertThat(json(auth).get("kind").asText()).isEqualTo("shard");
      c.send(FrameType.MESSAGE, "command", "{\"id\":\"r1\",\"channel\":\"c1\",\"user\":\"u1\",\"userName\":\"Grog\",\"text\":\"/r 1d20+5\"}");
      Frame answer = c.next();
      assertThat(answer.type()).isEqualTo(FrameType.MESSAGE);
      assertThat(answer.name()).isEqualTo("command");
      assertThat(json(answer).get("id").asText()).isEqualTo("r1");
      assertThat(json(answer).get("reply").asText()).contains("1d20+5");
      c.send(FrameType.MESSAGE, "ping", "{\"id\":7}");
      Frame pong = c.next();
      assertThat(json(pong).get("id").asInt()).isEqualTo(7);
      assertThat(json(pong).get("at").asText()).isNotBlank();
    }
  }

  @Test
  void upgradeWithAQueryStringWorks() throws Exception {
    try (WsTestClient c = new WsTestClient(t.wsUrl() + "?client=test")) {
      c.send(FrameType.AUTH, "auth", "{\"token\":\"" + SHARD + "\"}");
      assertThat(c.next().type()).isEqualTo(FrameType.AUTH);
    }
  }

  @Test
  void aBrokenUpgradeRequestIsAnswered() throws Exception {
    try (Socket raw = new Socket("127.0.0.1", t.server.port())) {
      raw.getOutputStream().write(("GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      raw.setSoTimeout(5000);
      assertThat(HttpApiTest.readStatusLine(raw.getInputStream())).matches("HTTP/1.1 4\\d\\d .*");
    }
  }

  @Test
  void badTokenGets401AndClose4401() throws Exception {
    try (WsTestClient c = new WsTestClient(t.wsUrl())) {
      c.send(FrameType.AUTH, "auth", "{\"token\":\"wrong\"}");
      Frame err = c.next();
      assertThat(err.type()).isEqualTo(FrameType.ERROR);
      assertThat(json(err).get("status").asInt()).isEqualTo(401);
      assertThat(c.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4401);
    }
  }

  @Test
  void firstFrameMustBeAuth() throws Exception {
    try (WsTestClient c = new WsTestClient(t.wsUrl())) {
      c.send(FrameType.MESSAGE, "command", "{\"id\":1,\"channel\":\"c1\",\"user\":\"u1\",\"text\":\"/r 1\"}");
      Frame err = c.next();
      assertThat(err.type()).isEqualTo(FrameType.ERROR);
      assertThat(json(err).get("status").asInt()).isEqualTo(401);
      assertThat(c.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4401);
    }
  }

  @Test
  void errorsCarryTheRequestIdAndStatus() throws Exception {
    try (WsTestClient c = WsTestClient.authenticated(t, APP)) {
      c.send(FrameType.MESSAGE, "command", "{\"id\":\"x\",\"channel\":\"c2\",\"user\":\"u1\",\"text\":\"/r 1\"}");
      Frame err = c.next();
      assertThat(err.type()).isEqualTo(FrameType.ERROR);
      assertThat(err.name()).isEqualTo("command");
      assertThat(json(err).get("id").asText()).isEqualTo("x");
      assertThat(json(err).get("status").asInt()).isEqualTo(403);
      c.send(FrameType.MESSAGE, "store.stats", "{\"id\":\"s\"}");
      assertThat(json(c.next()).get("status").asInt()).isEqualTo(403);
      c.send(FrameType.MESSAGE, "stats", "{\"id\":\"e\",\"expr\":\"3d6!\"}");
      Frame bad = c.next();
      assertThat(json(bad).get("status").asInt()).isEqualTo(400);
      assertThat(json(bad).get("position").asInt()).isEqualTo(3);
    }
  }

  @Test
  void subscribingToAnotherChannelIsForbidden() throws Exception {
    try (WsTestClient c = WsTestClient.authenticated(t, APP)) {
      c.send(FrameType.MESSAGE, "subscribe", "{\"id\":\"s\",\"channel\":\"not-mine\",\"after\":0}");
      Frame err = c.next();
      assertThat(err.type()).isEqualTo(FrameType.ERROR);
      assertThat(err.name()).isEqualTo("subscribe");
      assertThat(json(err).get("status").asInt()).isEqualTo(403);
      assertThat(t.core.listenerCount("not-mine")).isZero();
      c.send(FrameType.MESSAGE, "subscribe", "{\"id\":\"ok\",\"channel\":\"c1\",\"after\":0}");
      assertThat(c.next().type()).isEqualTo(FrameType.SYNC);
    }
  }

  @Test
  void unknownEventIsNotFound() throws Exception {
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      c.send(FrameType.MESSAGE, "launch.missiles", "{\"id\":3}");
      Frame f = c.next();
      assertThat(f.type()).isEqualTo(FrameType.NOT_FOUND);
      assertThat(f.name()).isEqualTo("launch.missiles");
      assertThat(json(f).get("id").asInt()).isEqualTo(3);
    }
  }

  @Test
  void brokenFramesAreAnsweredAndTheSessionGoesOn() throws Exception {
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      byte[] good = sidekick.http.frame.FrameCodec.encode(Frame.of(FrameType.MESSAGE, "ping", "{\"id\":1}"));
      byte[] badLength = good.clone();
      ByteBuffer.wrap(badLength).putInt(9999);
      byte[] badType = good.clone();
      badType[4] = 42;
      byte[] badUtf8 = good.clone();
      badUtf8[good.length - 2] = (byte) 0xFF;
      for (byte[] bad : List.of(badLength, badType, badUtf8, new byte[] {1, 2, 3})) {
        c.sendRaw(bad);
        Frame err = c.next();
        assertThat(err.type()).isEqualTo(FrameType.ERROR);
        assertThat(json(err).get("status").asInt()).isEqualTo(400);
        assertThat(json(err).get("error").asText()).startsWith("broken frame");
      }
      c.ws.sendText("{\"hello\": 1}", true).join();
      assertThat(json(c.next()).get("status").asInt()).isEqualTo(400);
      c.send(FrameType.MESSAGE, "command", "{not json");
      Frame malformed = c.next();
      assertThat(malformed.name()).isEqualTo("command");
      assertThat(json(malformed).get("error").asText()).startsWith("malformed JSON");
      c.send(FrameType.MESSAGE, "command", "{\"id\":9,\"channel\":\"c1\",\"user\":\"u1\",\"text\":\"/r 2\"}");
      Frame ok = c.next();
      assertThat(ok.type()).isEqualTo(FrameType.MESSAGE);
      assertThat(json(ok).get("id").asInt()).isEqualTo(9);
    }
  }

  @Test
  void oversizedFrameIs413AndTheSessionGoesOn() throws Exception {
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      String big = "{\"id\":1,\"channel\":\"c1\",\"user\":\"u1\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}";
      c.send(FrameType.MESSAGE, "command", big);
      Frame err = c.next();
      assertThat(json(err).get("status").asInt()).isEqualTo(413);
      c.send(FrameType.MESSAGE, "ping", "{\"id\":2}");
      assertThat(json(c.next()).get("id").asInt()).isEqualTo(2);
    }
  }

  @Test
  void frameBeyondEveryLimitClosesWith1009WhileOthersAreServed() throws Exception {
    try (WsTestClient other = WsTestClient.authenticated(t, SHARD);
        WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      byte[] huge = new byte[2 * 1024 * 1024];
      try {
        c.sendRaw(huge);
      } catch (RuntimeException closedWhileSending) {
        // the server may close before the client has sent everything
      }
      assertThat(c.closeCode.get(5, TimeUnit.SECONDS)).isIn(1009, -1);
      other.send(FrameType.MESSAGE, "ping", "{\"id\":5}");
      assertThat(json(other.next()).get("id").asInt()).isEqualTo(5);
    }
  }

  @Test
  void protocolViolationClosesOnlyThatConnection() throws Exception {
    try (Socket raw = new Socket("127.0.0.1", t.server.port());
        WsTestClient other = WsTestClient.authenticated(t, SHARD)) {
      OutputStream out = raw.getOutputStream();
      out.write(("GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = raw.getInputStream();
      raw.setSoTimeout(5000);
      assertThat(HttpApiTest.readUntil(in, "\r\n\r\n")).startsWith("HTTP/1.1 101");
      // an unmasked client frame with a reserved opcode: a protocol violation
      out.write(new byte[] {(byte) 0x83, 0x02, 'h', 'i'});
      out.flush();
      byte[] buf = new byte[64];
      int n;
      int total = 0;
      while ((n = in.read(buf)) > 0) total += n;
      assertThat(n).isEqualTo(-1); // closed by the server
      other.send(FrameType.MESSAGE, "ping", "{\"id\":6}");
      assertThat(json(other.next()).get("id").asInt()).isEqualTo(6);
    }
  }

  @Test
  void subscribeGivesBacklogThenLiveEventsOnceAndInOrder() throws Exception {
    t.core.append("feed", "roll", "\"n\":1");
    t.core.append("feed", "roll", "\"n\":2");
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      Thread writer = new Thread(() -> {
        for (int i = 0; i < 200; i++) t.core.append("feed", "reply", "\"n\":" + (i + 3));
      });
      c.send(FrameType.MESSAGE, "subscribe", "{\"id\":\"s1\",\"channel\":\"feed\",\"after\":1}");
      writer.start();
      Frame sync = c.next();
      assertThat(sync.type()).isEqualTo(FrameType.SYNC);
      assertThat(sync.name()).isEqualTo("subscribe");
      JsonNode s = json(sync);
      assertThat(s.get("id").asText()).isEqualTo("s1");
      assertThat(s.get("channel").asText()).isEqualTo("feed");
      List<Long> seqs = new ArrayList<>();
      s.get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
      writer.join();
      while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < 202) {
        Frame f = c.next();
        assertThat(f.type()).isEqualTo(FrameType.BROADCAST);
        assertThat(f.name()).isEqualTo(json(f).get("type").asText());
        seqs.add(json(f).get("seq").asLong());
      }
      List<Long> expected = new ArrayList<>();
      for (long i = 2; i <= 202; i++) expected.add(i);
      assertThat(seqs).isEqualTo(expected);
      c.send(FrameType.MESSAGE, "unsubscribe", "{\"id\":\"u\",\"channel\":\"feed\"}");
      assertThat(json(c.next()).get("id").asText()).isEqualTo("u");
      LongPollTest.awaitTrue(() -> t.core.listenerCount("feed") == 0);
    }
  }

  @Test
  void revocationSendsRevokedAndClosesWithinASecond() throws Exception {
    t.core.addToken("ws-revoke", "t-wsrev", TokenKind.APP, "u1", "c1", false);
    try (WsTestClient c = WsTestClient.authenticated(t, "ws-revoke")) {
      c.send(FrameType.MESSAGE, "subscribe", "{\"id\":1,\"channel\":\"c1\",\"after\":0}");
      assertThat(c.next().type()).isEqualTo(FrameType.SYNC);
      long start = System.nanoTime();
      t.core.revoke("ws-revoke");
      Frame f = c.next();
      while (f.type() == FrameType.BROADCAST && !f.name().equals("revoked")) f = c.next();
      assertThat(f.name()).isEqualTo("revoked");
      assertThat(json(f).get("tokenId").asText()).isEqualTo("t-wsrev");
      assertThat(c.closeCode.get(1, TimeUnit.SECONDS)).isEqualTo(4401);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
      LongPollTest.awaitTrue(() -> t.core.listenerCount("c1") == 0);
    }
  }

  @Test
  void plugOperationsOverWebSocket() throws Exception {
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      String b64 = Base64.getEncoder().encodeToString(HttpApiTest.wasm(2000));
      c.send(FrameType.MESSAGE, "plug.put", "{\"id\":1,\"channel\":\"wsp\",\"name\":\"d\",\"user\":\"u1\",\"base64\":\"" + b64 + "\"}");
      JsonNode put = json(c.next());
      assertThat(put.get("id").asInt()).isEqualTo(1);
      assertThat(put.get("len").asInt()).isEqualTo(2000);
      c.send(FrameType.MESSAGE, "plug.list", "{\"id\":2,\"channel\":\"wsp\"}");
      JsonNode list = json(c.next());
      assertThat(list.get("plugs").get(0).get("name").asText()).isEqualTo("d");
      c.send(FrameType.MESSAGE, "plug.put", "{\"id\":3,\"channel\":\"wsp\",\"name\":\"d\",\"base64\":\"***\"}");
      assertThat(json(c.next()).get("status").asInt()).isEqualTo(400);
      c.send(FrameType.MESSAGE, "plug.rm", "{\"id\":4,\"channel\":\"wsp\",\"name\":\"d\"}");
      assertThat(json(c.next()).toString()).isEqualTo("{\"id\":4}");
    }
  }

  @Test
  void inFlightLimitPerSocket() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    t.core.gate = gate;
    try (WsTestClient c = WsTestClient.authenticated(t, SHARD)) {
      for (int i = 0; i < 12; i++) {
        c.send(FrameType.MESSAGE, "command", "{\"id\":" + i + ",\"channel\":\"inflight\",\"user\":\"u1\",\"text\":\"/r 1\"}");
      }
      int limited = 0;
      for (int i = 0; i < 4; i++) {
        Frame f = c.next();
        assertThat(json(f).get("status").asInt()).isEqualTo(429);
        limited++;
      }
      gate.countDown();
      List<Frame> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) answers.add(c.next());
      assertThat(limited).isEqualTo(4);
      // every frame is shown on a failure: this once saw an error frame among the eight (not reproduced)
      assertThat(answers).as("the answers after the gate opened").allSatisfy(f -> assertThat(f.type())
          .as("%s", f).isEqualTo(FrameType.MESSAGE));
    } finally {
      t.core.gate = null;
    }
  }
}
