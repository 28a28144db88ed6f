package sidekick.core.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.CoreException;
import sidekick.core.Event;
import sidekick.core.Principal;
import sidekick.core.TokenSpec;

/** Commands answered without anything that blocks ({@code Core.handleCommandIfQuick}): fit for an event loop. */
class QuickCommandsTest extends CoreTestBase {
  CommandReply quick(String channel, String text) {
    return quick(shard, channel, "u1", text);
  }

  CommandReply quick(Principal caller, String channel, String user, String text) {
    return core.handleCommandIfQuick(caller, new CommandRequest(channel, "s1", user, "Grog", text, false, null));
  }

  @Test
  void aFreshChannelIsNotQuickUntilItsStateIsLoaded() {
    assertThat(quick("c1", "/r 1d20+5")).isNull();
    assertThat(events("c1")).isEmpty(); // nothing was done
    say("/r 1d4"); // the slow path loads the plugs (none) and the feed's head
    CommandReply r = quick("c1", "/r 1d20+5");
    assertThat(r).isNotNull();
    assertThat(r.reply()).startsWith("**Grog**: 1d20");
    assertThat(r.rolls()).hasSize(1);
    assertThat(events("c1")).extracting(Event::type).containsExactly("roll", "reply", "roll", "reply");
    assertThat(events("c1")).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void chatHelpAndMalformedCommandsAreQuickToo() {
    say("hello");
    assertThat(quick("c1", "good evening all").isCommand()).isFalse();
    assertThat(quick("c1", "I swing for 2d6+3").reply()).contains("2d6");
    assertThat(quick("c1", "/r help").reply()).contains("/r");
    assertThat(quick("c1", "/r 1d").reply()).startsWith("Can't roll that");
  }

  @Test
  void savedRollsCardsAndManagementAreNot() {
    say("/r 1d4");
    assertThat(quick("c1", "/r $sword")).isNull();
    assertThat(quick("c1", "/r $sword = 1d8")).isNull();
    assertThat(quick("c1", "/r deal 2")).isNull();
    assertThat(quick("c1", "/r plug ls")).isNull();
    assertThat(quick("c1", "/r bind app")).isNull();
    assertThat(events("c1")).hasSize(2); // only the first roll's
  }

  @Test
  void aChannelWithAPlugIsNotQuick() {
    sayWithAttachment("/r plug add pass", example("pass.wasm"));
    say("/r 1d4");
    assertThat(quick("c1", "/r 1d20")).isNull();
  }

  @Test
  void theSameChecksApply() throws Exception {
    say("/r 1d4");
    Principal app = core.authenticate(core.createToken(admin, TokenSpec.app("u1", "c1", false, null)).token())
        .orElseThrow();
    assertThatThrownBy(() -> quick(app, "c2", "u1", "/r 1d4"))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.FORBIDDEN));
    assertThatThrownBy(() -> quick(app, "c1", "u2", "/r 1d4"))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.FORBIDDEN));
    assertThat(quick(app, "c1", "u1", "/r 1d4")).isNotNull();
    assertThatThrownBy(() -> quick(null, "c1", "u1", "/r 1d4")).isInstanceOf(CoreException.class);
  }

  @Test
  void aShardDemotingAUserWithAManagingAppGoesTheSlowWay() {
    say("/r 1d4");
    core.createToken(admin, TokenSpec.app("u1", "c1", true, null));
    assertThat(quick("c1", "/r 1d20")).isNull(); // the app's right must be revoked first: a write
    say("/r 1d20");
    assertThat(events("c1")).extracting(Event::type).contains("revoked");
    assertThat(quick("c1", "/r 1d20")).isNotNull();
  }

  @Test
  void tokensKnownInMemoryAuthenticateWithoutTheDatabase() throws Exception {
    String adminToken = Files.readString(core.adminTokenFile()).strip();
    assertThat(core.authenticateInMemory(adminToken)).isEqualTo(admin);
    assertThat(core.authenticateInMemory("sk_shard_0_unknown")).isNull();
  }
}
