package sidekick.core.plug;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;
import sidekick.core.saved.SavedRollResolver;
import sidekick.core.saved.SavedRollStore;
import sidekick.core.util.Randomness;
import sidekick.dice.Dice;
import sidekick.plugs.CommandInput;
import sidekick.plugs.PlugHost.PlugCallContext;
import sidekick.plugs.PlugHost.RollAnswer;
import sidekick.plugs.PlugHost.SavedRollAnswer;

class CorePlugHostTest extends DatabaseTestBase {
  SavedRollStore saved;
  CorePlugHost host;

  @Override
  protected void opened() {
    saved = new SavedRollStore(db, Clock.systemUTC());
    host = new CorePlugHost(new Dice(), new SavedRollResolver(saved), Randomness.of(3L));
  }

  PlugCallContext ctx(String channel, String user) {
    return new PlugCallContext(channel, "p", "hash", CommandInput.of("/r x", channel, "s", user, "Grog"));
  }

  @Test
  void rollUsesTheDiceEngineWithTheUsersSavedRolls() {
    saved.put("c1", "u1", "sword", "1d1+3");
    RollAnswer a = host.roll(ctx("c1", "u1"), "$sword + 1");
    assertThat(a.error()).isNull();
    assertThat(a.total()).isEqualTo(5L);
    assertThat(a.text()).contains("= `5`");
    assertThat(host.roll(ctx("c1", "u2"), "$sword").error()).isNotBlank();
    assertThat(host.roll(ctx("c1", "u1"), "15/2").total()).isEqualTo(7.5);
    assertThat(host.roll(ctx("c1", "u1"), "1d").error()).isNotBlank();
    assertThat(host.roll(ctx("c1", "u1"), "").error()).isNotBlank();
  }

  @Test
  void savedRollLooksUpByNameWithOrWithoutTheDollar() {
    saved.put("c1", "u1", "sword", "1d8+3");
    saved.put("c1", "u9", "INIT", "1d20");
    assertThat(host.savedRoll(ctx("c1", "u1"), "sword")).isEqualTo(SavedRollAnswer.ok("1d8+3"));
    assertThat(host.savedRoll(ctx("c1", "u1"), "$INIT")).isEqualTo(SavedRollAnswer.ok("1d20"));
    assertThat(host.savedRoll(ctx("c2", "u1"), "sword").error()).contains("$sword");
    assertThat(host.savedRoll(ctx("c1", "u1"), " ").error()).isNotBlank();
  }
}
