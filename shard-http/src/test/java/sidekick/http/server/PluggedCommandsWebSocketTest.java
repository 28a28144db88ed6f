package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import sidekick.core.Core;
import sidekick.http.api.Json;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameType;
import sidekick.http.testing.TestServer;
import sidekick.http.testing.WsTestClient;

/**
 * Commands in a channel with plugs over one WebSocket on the real core, each with an idempotency
 * key as CoreClient sends them: started on the event loop, finished by the plug workers, each
 * answered once with its own id and roll; a repeated key answers again without a second roll.
 */
@Timeout(120)
class PluggedCommandsWebSocketTest {
  @RegisterExtension static final TestServer<Core> t = TestServer.onRealCore(TestServer.config());

  static JsonNode json(Frame f) {
    return Json.parseObject(f.payload());
  }

  static String command(int id, String key) {
    return "{\"id\":" + id + ",\"channel\":\"words\",\"user\":\"u1\",\"userName\":\"Grog\",\"text\":\"/r 1d1+" + id
        + "\",\"idempotencyKey\":\"" + key + "\"}";
  }

  @Test
  void manyCommandsOnOneSocketAreEachAnsweredOnceAndARepeatedKeyRollsNothing() throws Exception {
    String shard = t.newShardToken("ws shard");
    HttpResponse<String> put = t.send(t.request("/v1/channels/words/plugs/p?user=u1", shard)
        .header("Content-Type", "application/wasm")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Path.of("../plugs/examples/assemblyscript/dice-words.wasm"))))
        .build());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    int n = 40;
    try (WsTestClient c = WsTestClient.authenticated(t, shard)) {
      for (int i = 1; i <= n; i++) c.send(FrameType.MESSAGE, "command", command(i, "key-" + i));
      Map<Integer, JsonNode> answers = new HashMap<>();
      for (int i = 1; i <= n; i++) {
        Frame f = c.next();
        assertThat(f.type()).as(f.toString()).isEqualTo(FrameType.MESSAGE);
        JsonNode a = json(f);
        assertThat(answers.put(a.get("id").asInt(), a)).as("answered once").isNull();
      }
      for (int i = 1; i <= n; i++) {
        JsonNode roll = answers.get(i).get("rolls").get(0);
        assertThat(roll.get("expr").asText()).isEqualTo("1d1+" + i);
        assertThat(roll.get("total").asLong()).isEqualTo(1L + i);
      }
      // a resend of command 7 (a reconnecting shard's): the first answer, under the new id
      c.send(FrameType.MESSAGE, "command", command(1007, "key-7"));
      JsonNode again = json(c.next());
      assertThat(again.get("id").asInt()).isEqualTo(1007);
      assertThat(again.get("reply")).isEqualTo(answers.get(7).get("reply"));
    }
    JsonNode events = TestServer.json(t.get("/v1/channels/words/events?limit=1000", shard)).get("events");
    long rolls = 0;
    for (JsonNode e : events) if (e.get("type").asText().equals("roll")) rolls++;
    assertThat(rolls).as("one roll per command, none for the resend").isEqualTo(n);
  }
}
