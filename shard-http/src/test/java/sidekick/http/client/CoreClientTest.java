package sidekick.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sidekick.http.testing.FakeCore.SHARD;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.ShardStatus;
import sidekick.core.TokenKind;
import sidekick.http.api.Json;
import sidekick.http.testing.CuttableProxy;
import sidekick.http.testing.FakeCore;
import sidekick.http.testing.TestServer;

/** CoreClient against a real server through a proxy that can cut the network. */
@Timeout(60)
class CoreClientTest {
  // one server per test; room for 10 gated commands
  @RegisterExtension final TestServer<FakeCore> t = TestServer.onFakeCore(TestServer.config().workerThreads(16));
  CuttableProxy proxy;
  CoreClient client;

  @BeforeEach
  void start() throws Exception {
    proxy = new CuttableProxy(t.server.port());
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) client.close();
    t.core.gate = null;
    proxy.close();
  }

  CoreClient connect(String token, Duration requestTimeout, Duration fallbackAfter) {
    CoreClientConfig config = CoreClientConfig.of(URI.create(proxy.url()), token)
        .withTimeouts(requestTimeout, fallbackAfter)
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    return CoreClient.start(config);
  }

  static CommandRequest roll(String channel, String expr) {
    return new CommandRequest(channel, "s1", "u1", "Grog", "/r " + expr, false, null);
  }

  @Test
  void commandsOverOneWebSocket() throws Exception {
    client = connect(SHARD, Duration.ofSeconds(10), Duration.ofSeconds(5));
    client.whenConnected().get(5, TimeUnit.SECONDS);
    assertThat(client.state()).isEqualTo(CoreClient.State.CONNECTED);
    List<CompletableFuture<CommandReply>> replies = new ArrayList<>();
    for (int i = 0; i < 50; i++) replies.add(client.command(roll("c1", i + "d6")));
    for (int i = 0; i < 50; i++) {
      CommandReply r = replies.get(i).get(5, TimeUnit.SECONDS);
      assertThat(r.rolls().get(0).expr()).isEqualTo(i + "d6");
    }
    assertThat(client.command(new CommandRequest("c1", "s1", "u1", "Grog", "just chatting", false, null))
        .get(5, TimeUnit.SECONDS).isCommand()).isFalse();
    client.reportStatus(new ShardStatus(0, 1, "CONNECTED", 3, 40, 0, null)).get(5, TimeUnit.SECONDS);
    assertThat(t.core.shards(sidekick.core.Principal.localAdmin())).hasSize(1);
    JsonNode stats = client.request("stats", Json.object().put("expr", "1d6")).get(5, TimeUnit.SECONDS);
    assertThat(stats.get("mean").asDouble()).isEqualTo(3.5);
  }

  @Test
  void refusedRequestFailsWithTheServerStatus() throws Exception {
    client = connect(FakeCore.APP, Duration.ofSeconds(10), Duration.ofSeconds(5));
    CompletableFuture<CommandReply> f = client.command(roll("other-channel", "1d6"));
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(CoreClientException.class)
        .satisfies(e -> assertThat(((CoreClientException) e).status()).isEqualTo(403));
  }

  @Test
  void noCommandLostOrAnsweredTwiceAcrossAReconnect() throws Exception {
    client = connect(SHARD, Duration.ofSeconds(20), Duration.ofSeconds(30));
    client.whenConnected().get(5, TimeUnit.SECONDS);
    CountDownLatch gate = new CountDownLatch(1);
    t.core.gate = gate;
    List<CompletableFuture<CommandReply>> replies = new ArrayList<>();
    for (int i = 0; i < 10; i++) replies.add(client.command(roll("re", i + "d6")));
    awaitTrue(() -> t.core.arrivals.get() == 10);
    int before = t.core.executions.get();
    proxy.cut(); // the answers of the 10 running commands will go nowhere
    for (int i = 10; i < 15; i++) replies.add(client.command(roll("re", i + "d6"))); // sent while down
    Thread.sleep(200);
    gate.countDown();
    Set<String> texts = new HashSet<>();
    for (int i = 0; i < 15; i++) {
      CommandReply r = replies.get(i).get(15, TimeUnit.SECONDS);
      assertThat(r.rolls().get(0).expr()).isEqualTo(i + "d6");
      texts.add(r.reply());
    }
    assertThat(texts).hasSize(15);
    assertThat(t.core.executions.get() - before).as("each command ran exactly once").isEqualTo(15);
    assertThat(client.state()).isEqualTo(CoreClient.State.CONNECTED);
  }

  @Test
  void aRetryWithTheCallersKeyGetsTheFirstAnswer() throws Exception {
    client = connect(SHARD, Duration.ofSeconds(10), Duration.ofSeconds(30));
    int before = t.core.executions.get();
    CommandReply first = client.command(roll("key", "1d6"), "discord-msg-42").get(5, TimeUnit.SECONDS);
    CommandReply retried = client.command(roll("key", "1d6"), "discord-msg-42").get(5, TimeUnit.SECONDS);
    assertThat(retried.reply()).isEqualTo(first.reply());
    assertThat(t.core.executions.get() - before).isEqualTo(1);
    client.command(roll("key", "1d6"), "discord-msg-43").get(5, TimeUnit.SECONDS);
    assertThat(t.core.executions.get() - before).isEqualTo(2);
  }

  @Test
  void fallsBackToHttpWhenTheWebSocketIsRefused() throws Exception {
    proxy.refuseWebSockets = true;
    client = connect(SHARD, Duration.ofSeconds(10), Duration.ofMillis(200));
    CommandReply r = client.command(roll("fb", "2d6")).get(8, TimeUnit.SECONDS);
    assertThat(r.rolls().get(0).expr()).isEqualTo("2d6");
    assertThat(client.state()).isEqualTo(CoreClient.State.CONNECTING);
    // once the socket works again the client uses it
    proxy.refuseWebSockets = false;
    client.whenConnected().get(5, TimeUnit.SECONDS);
    assertThat(client.command(roll("fb", "3d6")).get(5, TimeUnit.SECONDS).isCommand()).isTrue();
  }

  @Test
  void timesOutWithStatusZero() throws Exception {
    client = connect(SHARD, Duration.ofMillis(300), Duration.ofSeconds(30));
    t.core.gate = new CountDownLatch(1);
    CompletableFuture<CommandReply> f = client.command(roll("slow", "1d6"));
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(CoreClientException.class)
        .hasMessageContaining("timed out")
        .satisfies(e -> assertThat(((CoreClientException) e).status()).isZero());
  }

  @Test
  void badTokenClosesTheClientForGood() throws Exception {
    client = connect("wrong-token", Duration.ofSeconds(10), Duration.ofSeconds(30));
    CompletableFuture<CommandReply> f = client.command(roll("c1", "1d6"));
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(CoreClientException.class)
        .satisfies(e -> assertThat(((CoreClientException) e).status()).isEqualTo(401));
    assertThat(client.state()).isEqualTo(CoreClient.State.CLOSED);
    assertThat(client.command(roll("c1", "1d6"))).isCompletedExceptionally();
  }

  @Test
  void revokedTokenEndsTheClient() throws Exception {
    t.core.addToken("cli-rev", "t-clirev", TokenKind.SHARD, null, null, false);
    client = connect("cli-rev", Duration.ofSeconds(10), Duration.ofSeconds(30));
    client.whenConnected().get(5, TimeUnit.SECONDS);
    t.core.revoke("cli-rev");
    awaitTrue(() -> client.state() == CoreClient.State.CLOSED);
    assertThat(client.command(roll("c1", "1d6"))).isCompletedExceptionally();
  }

  @Test
  void subscriptionResumesAfterTheLastEventSeen() throws Exception {
    t.core.append("sub", "roll", "");
    client = connect(SHARD, Duration.ofSeconds(10), Duration.ofSeconds(30));
    List<Long> seen = new CopyOnWriteArrayList<>();
    client.subscribe("sub", 0, e -> seen.add(e.get("seq").asLong()));
    awaitTrue(() -> seen.size() == 1);
    t.core.append("sub", "roll", "");
    awaitTrue(() -> seen.size() == 2);
    proxy.cut();
    t.core.append("sub", "roll", ""); // happens while disconnected
    t.core.append("sub", "roll", "");
    awaitTrue(() -> seen.size() == 4);
    t.core.append("sub", "roll", "");
    awaitTrue(() -> seen.size() == 5);
    Thread.sleep(100);
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 10 s");
      Thread.sleep(10);
    }
  }
}
