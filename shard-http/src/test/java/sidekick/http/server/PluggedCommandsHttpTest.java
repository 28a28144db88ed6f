package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.http.testing.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import sidekick.core.Core;
import sidekick.http.testing.TestServer;

/**
 * Commands in a channel with plugs over HTTP on the real core: started on the event loop, the chain
 * on a plug worker, which finishes the command and answers (Core.handleCommandWithoutBlocking).
 */
@Timeout(120)
class PluggedCommandsHttpTest {
  @RegisterExtension static final TestServer<Core> t = TestServer.onRealCore(TestServer.config());
  static String shard;

  @BeforeAll
  static void tokens() throws Exception {
    shard = t.newShardToken("test shard");
  }

  static void install(String channel, Path wasm) throws Exception {
    HttpResponse<String> put = t.send(t.request("/v1/channels/" + channel + "/plugs/p?user=u1", shard)
        .header("Content-Type", "application/wasm").PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(wasm)))
        .build());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
  }

  @Test
  void manyCommandsAtOnceAreEachAnsweredOnceWithTheirOwnRoll() throws Exception {
    install("words", Path.of("../plugs/examples/assemblyscript/dice-words.wasm"));
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      String body = "{\"channel\":\"words\",\"user\":\"u1\",\"userName\":\"Grog\",\"text\":\"/r 1d1+" + i + "\"}";
      all.add(t.http.sendAsync(t.request("/v1/commands", shard).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 1; i <= 40; i++) {
      HttpResponse<String> r = all.get(i - 1).join();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode roll = json(r).get("rolls").get(0);
      assertThat(roll).as(r.body()).isNotNull();
      // each answer is its own command's (the plug passes; a cold call over its time limit is skipped)
      assertThat(roll.get("expr").asText()).isEqualTo("1d1+" + i);
      assertThat(roll.get("total").asLong()).isEqualTo(1L + i);
    }
    JsonNode plugs = json(t.get("/v1/channels/words/plugs", shard));
    assertThat(plugs.get(0).get("calls").asLong()).isBetween(1L, 40L);
  }

  @Test
  void aPlugStoppedAtItsTimeLimitStillLetsTheCommandBeAnswered() throws Exception {
    install("stuck", Path.of("../plugs/src/test/resources/wasm/endless-loop.wasm"));
    HttpResponse<String> r = t.command(shard, "stuck", "u1", "/r 1d1+1");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("rolls").get(0).get("total").asLong()).isEqualTo(2);
    // meanwhile and after, the event loop answers others at once
    assertThat(t.command(shard, "elsewhere", "u1", "good evening").statusCode()).isEqualTo(200);
    assertThat(json(t.get("/v1/channels/stuck/plugs", shard)).get(0).get("errors").asLong()).isPositive();
  }
}
