package sidekick.core.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sidekick.core.facade.PlugsTest.assertStatus;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import sidekick.core.AppBinding;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.Core;
import sidekick.core.CoreException;
import sidekick.core.CoreException.Status;
import sidekick.core.Event;
import sidekick.core.IssuedToken;
import sidekick.core.Principal;
import sidekick.core.ShardStatus;
import sidekick.core.TokenAdmin;
import sidekick.core.TokenInfo;
import sidekick.core.TokenKind;
import sidekick.core.TokenSpec;
import sidekick.core.util.Json;

/** Who may do what, app binding, revocation and the token life cycle. */
class AccessTest extends CoreTestBase {
  Principal app(String user, String channel, boolean manage) {
    return core.authenticate(core.createToken(admin, TokenSpec.app(user, channel, manage, null)).token()).orElseThrow();
  }

  @Test
  void theAdminTokenIsWrittenAtTheFirstStartOnly() throws Exception {
    assertThat(core.adminTokenCreated()).isTrue();
    String token = Files.readString(core.adminTokenFile()).strip();
    reopen();
    assertThat(core.adminTokenCreated()).isFalse();
    assertThat(core.authenticate(token)).map(Principal::kind).contains(TokenKind.ADMIN);
  }

  @Test
  void aSecondCoreOnTheSameDataDirectoryIsRefused() {
    assertThatThrownBy(() -> Core.open(dir, config()))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.getMessage()).contains("in use"));
  }

  @Test
  void adminOnlyCallsAreRefusedToShardsAndApps() {
    Principal app = app("u1", "c1", true);
    for (Principal p : List.of(shard, app)) {
      assertStatus(() -> core.createToken(p, TokenSpec.shard("x")), Status.FORBIDDEN);
      assertStatus(() -> core.listTokens(p), Status.FORBIDDEN);
      assertStatus(() -> core.revokeToken(p, shard.tokenId()), Status.FORBIDDEN);
      assertStatus(() -> core.storeStats(p), Status.FORBIDDEN);
      assertStatus(() -> core.shards(p), Status.FORBIDDEN);
      assertStatus(() -> core.appendEvent(p, "c1", "note", Map.of()), Status.FORBIDDEN);
      assertStatus(() -> core.readEvents(p, Core.SYSTEM_CHANNEL, 0, 10), Status.FORBIDDEN);
    }
    assertStatus(() -> core.listTokens(null), Status.UNAUTHORIZED);
    assertThat(core.storeStats(admin).blobs()).isZero();
    assertThat(core.listTokens(admin)).hasSize(3);
  }

  @Test
  void anAppTokenActsOnlyAsItsUserInItsChannel() {
    Principal app = app("u1", "c1", false);
    CommandReply r = core.handleCommand(app, new CommandRequest("c1", null, null, "Grog", "/r 1d6", true, null));
    assertThat(r.rolls()).hasSize(1);
    assertThat(core.readEvents(app, "c1", 0, 10).events()).isNotEmpty();
    assertThat(core.listPlugs(app, "c1")).isEmpty();
    assertStatus(() -> core.handleCommand(app, CommandRequest.of("c2", "u1", "/r 1d6", false)), Status.FORBIDDEN);
    assertStatus(() -> core.handleCommand(app, CommandRequest.of("c1", "u2", "/r 1d6", false)), Status.FORBIDDEN);
    assertStatus(() -> core.readEvents(app, "c2", 0, 10), Status.FORBIDDEN);
    assertStatus(() -> core.subscribe(app, "c2", 0, e -> {}), Status.FORBIDDEN);
    assertStatus(() -> core.listPlugs(app, "c2"), Status.FORBIDDEN);
    // canManagePlugs sent by an app is ignored: its token has no plug right.
    assertStatus(() -> core.putPlug(app, "c1", "loud", "u1", PlugsTest.SHOUT), Status.FORBIDDEN);
    assertThat(core.handleCommand(app, new CommandRequest("c1", null, "u1", "Grog", "/r plug ls", true, null)).reply())
        .startsWith("Only people who can manage");
    assertThat(core.handleCommand(app, CommandRequest.of("c1", "u1", "/r bind app", false)).reply())
        .contains("not from an app");
    assertStatus(() -> core.reportShardStatus(app, new ShardStatus(0, 1, "CONNECTED", 1, 1, 0, null)), Status.FORBIDDEN);
  }

  @Test
  void anAppTokenWithThePlugRightMayManagePlugsOfItsChannel() {
    Principal app = app("u1", "c1", true);
    core.putPlug(app, "c1", "loud", "someone-else", PlugsTest.SHOUT);
    assertThat(core.listPlugs(app, "c1").get(0).uploadedBy()).isEqualTo("u1");
    assertStatus(() -> core.putPlug(app, "c2", "loud", "u1", PlugsTest.SHOUT), Status.FORBIDDEN);
    core.removePlug(app, "c1", "loud", "u1");
  }

  @Test
  void bindAppGivesAOneTimeCodeThatBecomesAnAppToken() throws Exception {
    CommandReply r = sayAsOwner("/r bind app");
    assertThat(r.ephemeral()).isTrue();
    String code = r.reply().replaceAll("(?s).*\\*\\*([A-Z]{4}-\\d{4})\\*\\*.*", "$1");
    assertThat(code).matches("[A-Z]{4}-\\d{4}");
    // The feed never shows the code.
    Event reply = events("c1").get(events("c1").size() - 1);
    assertThat(reply.json()).doesNotContain(code).contains("sent privately");

    AppBinding bound = core.bindApp(code);
    assertThat(bound.channel()).isEqualTo("c1");
    assertThat(bound.user()).isEqualTo("u1");
    Principal app = core.authenticate(bound.token()).orElseThrow();
    assertThat(app).isEqualTo(new Principal(TokenKind.APP, bound.tokenId(), "u1", "c1", true));
    assertStatus(() -> core.bindApp(code), Status.NOT_FOUND);
    assertStatus(() -> core.bindApp("ZZZZ-0000"), Status.NOT_FOUND);

    List<TokenInfo> revoked = new CopyOnWriteArrayList<>();
    core.onRevocation(revoked::add);
    assertThat(sayAsOwner("/r unbind app").reply()).startsWith("Unbound 1 app");
    assertThat(core.authenticate(bound.token())).isEmpty();
    assertThat(revoked).extracting(TokenInfo::id).containsExactly(bound.tokenId());
    Event ev = events("c1").stream().filter(e -> e.type().equals("revoked")).findFirst().orElseThrow();
    JsonNode json = Json.read(ev.json());
    assertThat(json.get("tokenId").asText()).isEqualTo(bound.tokenId());
    assertThat(json.get("kind").asText()).isEqualTo("app");
    assertThat(json.get("user").asText()).isEqualTo("u1");
    assertThat(say("/r unbind app").reply()).isEqualTo("You have no app bound in this channel.");
  }

  @Test
  void aUserWhoLosesThePlugRightLosesItInTheirAppsToo() {
    String code = sayAsOwner("/r bind app").reply().replaceAll("(?s).*\\*\\*([A-Z]{4}-\\d{4})\\*\\*.*", "$1");
    AppBinding bound = core.bindApp(code);
    List<String> revoked = new CopyOnWriteArrayList<>();
    core.onRevocation(t -> revoked.add(t.id()));
    sayAsOwner("/r 1d6"); // still allowed: nothing happens
    assertThat(core.authenticate(bound.token())).isPresent();
    say("/r 1d6"); // the shard now says u1 may not manage c1
    assertThat(core.authenticate(bound.token())).isEmpty();
    assertThat(revoked).containsExactly(bound.tokenId());
  }

  @Test
  void revokingATokenEndsItAndTellsListeners() {
    IssuedToken t = core.createToken(admin, TokenSpec.shard("eu"));
    List<String> told = new CopyOnWriteArrayList<>();
    core.onRevocation(i -> told.add(i.id()));
    core.revokeToken(admin, t.info().id());
    assertThat(core.authenticate(t.token())).isEmpty();
    assertThat(told).containsExactly(t.info().id());
    assertThat(events(Core.SYSTEM_CHANNEL)).extracting(Event::type).containsExactly("revoked");
    assertStatus(() -> core.revokeToken(admin, "nope"), Status.NOT_FOUND);
    core.revokeToken(admin, t.info().id()); // twice: nothing more happens
    assertThat(told).hasSize(1);
  }

  @Test
  void revocationsByTheCliReachTheRunningCoreWithinASecond() throws Exception {
    IssuedToken t = core.createToken(admin, TokenSpec.shard("eu"));
    assertThat(core.authenticate(t.token())).isPresent();
    List<String> told = new CopyOnWriteArrayList<>();
    core.onRevocation(i -> told.add(i.id()));
    IssuedToken made;
    try (TokenAdmin cli = TokenAdmin.open(dir)) {
      made = cli.create(TokenSpec.shard("from cli"));
      Thread.sleep(60);
      assertThat(core.authenticate(made.token())).isPresent();
      cli.revoke(t.info().id());
    }
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (told.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(told).containsExactly(t.info().id());
    assertThat(core.authenticate(t.token())).isEmpty();
    assertThat(events(Core.SYSTEM_CHANNEL)).extracting(Event::type).containsExactly("revoked");
  }

  @Test
  void shardStatusIsKeptShownOnTheSystemFeedAndInMetrics() {
    core.reportShardStatus(shard, new ShardStatus(1, 2, "CONNECTED", 12, 41, 0, null));
    core.reportShardStatus(shard, new ShardStatus(0, 2, "RECONNECTING", 3, 400, 5, null));
    core.reportShardStatus(shard, new ShardStatus(1, 2, "CONNECTED", 13, 40, 0, null));
    List<ShardStatus> all = core.shards(admin);
    assertThat(all).extracting(ShardStatus::shard).containsExactly(0, 1);
    assertThat(all.get(1).guilds()).isEqualTo(13);
    assertThat(all.get(1).reportedAt()).isNotNull();
    assertThat(events(Core.SYSTEM_CHANNEL)).extracting(Event::type).containsOnly("shard_status").hasSize(3);
    assertStatus(() -> core.reportShardStatus(shard, new ShardStatus(2, 2, "CONNECTED", 1, 1, 0, null)), Status.BAD_REQUEST);
    assertThat(core.metrics()).anySatisfy(m -> {
      assertThat(m.name()).isEqualTo("sidekick_shard_guilds");
      assertThat(m.labels()).containsEntry("shard", "1");
      assertThat(m.value()).isEqualTo(13);
    });
  }

  @Test
  void metricsCountCommandsRollsAndRefusals() {
    say("/r 1d6");
    say("hello");
    core.authenticate("sk_nope");
    assertThatThrownBy(() -> core.listTokens(shard)).isInstanceOf(CoreException.class);
    Map<String, Double> m = new java.util.HashMap<>();
    core.metrics().stream().filter(s -> s.labels().isEmpty()).forEach(s -> m.put(s.name(), s.value()));
    assertThat(m).containsEntry("sidekick_commands_total", 2.0).containsEntry("sidekick_replies_total", 1.0)
        .containsEntry("sidekick_rolls_total", 1.0).containsEntry("sidekick_auth_rejected_total", 1.0)
        .containsEntry("sidekick_events_total", 2.0).containsKey("sidekick_store_blobs").containsKey("sidekick_plug_calls_total");
  }
}
