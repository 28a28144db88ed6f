package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.http.testing.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameType;
import sidekick.http.testing.FakeCore;
import sidekick.http.testing.TestServer;
import sidekick.http.testing.WsTestClient;

/**
 * {@code serve --commands-on-event-loop}: whether a command that needs nothing blocking is answered
 * by the event loop that read it (on) or handed to a worker (off, the default). Both answer alike;
 * the setting reaches the core on every command, over HTTP and WebSocket.
 */
@Timeout(60)
class CommandsOnEventLoopTest {
  @Test
  void theSettingReachesTheCoreOverHttpAndWebSocket() throws Exception {
    for (boolean onEventLoop : new boolean[] {false, true}) {
      try (TestServer<FakeCore> t = new TestServer<>(new FakeCore(), TestServer.config().commandsOnEventLoop(onEventLoop))) {
        t.core.plugWorkers = Runnable::run; // the fake core then starts commands without blocking
        assertThat(t.command(FakeCore.SHARD, "c1", "u1", "/r 1d4").statusCode()).isEqualTo(200);
        assertThat(t.core.answerOnCallerAsked).isEqualTo(onEventLoop);
        t.core.answerOnCallerAsked = null;
        try (WsTestClient c = WsTestClient.authenticated(t, FakeCore.SHARD)) {
          c.send(FrameType.MESSAGE, "command", "{\"id\":1,\"channel\":\"c1\",\"user\":\"u1\",\"text\":\"/r 1d4\"}");
          assertThat(c.next().name()).isEqualTo("command");
        }
        assertThat(t.core.answerOnCallerAsked).isEqualTo(onEventLoop);
      }
    }
  }

  @Test
  void bothWaysTheRealCoreAnswersRollsAndChat(@TempDir Path data) throws Exception {
    for (boolean onEventLoop : new boolean[] {false, true}) {
      Core core = Core.open(data.resolve("on-event-loop-" + onEventLoop), CoreConfig.builder().build());
      try (TestServer<Core> t = new TestServer<>(core, TestServer.config().commandsOnEventLoop(onEventLoop))) {
        String shard = t.newShardToken("shard");
        for (int i = 0; i < 20; i++) { // the first loads the channel on a worker; the rest are quick
          HttpResponse<String> r = t.command(shard, "c1", "u1", "/r 1d20+5");
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          assertThat(json(r).get("rolls").get(0).get("total").asLong()).isBetween(6L, 25L);
        }
        assertThat(t.command(shard, "c1", "u1", "good evening").body()).contains("\"reply\":null");
        try (WsTestClient c = WsTestClient.authenticated(t, shard)) {
          c.send(FrameType.MESSAGE, "command", "{\"id\":7,\"channel\":\"c1\",\"user\":\"u1\",\"userName\":\"Grog\",\"text\":\"/r 2d6\"}");
          Frame f = c.next();
          assertThat(f.name()).isEqualTo("command");
          JsonNode answer = new ObjectMapper().readTree(f.payloadText());
          assertThat(answer.get("id").asInt()).isEqualTo(7);
          assertThat(answer.get("rolls").get(0).get("total").asLong()).isBetween(2L, 12L);
        }
        long events = json(t.get("/v1/channels/c1/events?after=0", shard)).get("events").size();
        assertThat(events).isEqualTo(21 * 2); // every roll and its reply, in the feed
      }
    }
  }
}
