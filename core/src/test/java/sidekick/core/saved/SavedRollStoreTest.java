package sidekick.core.saved;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;
import sidekick.core.saved.SavedRollStore.SavedRoll;
import sidekick.core.saved.SavedRollStore.Scope;

class SavedRollStoreTest extends DatabaseTestBase {
  SavedRollStore store;

  @Override
  protected void opened() {
    store = new SavedRollStore(db, Clock.systemUTC());
  }

  @Test
  void allCapsNamesBelongToTheChannelOthersToTheUser() {
    assertThat(SavedRollStore.scopeOf("INIT")).isEqualTo(Scope.CHANNEL);
    assertThat(SavedRollStore.scopeOf("DEX_2")).isEqualTo(Scope.CHANNEL);
    assertThat(SavedRollStore.scopeOf("Sword")).isEqualTo(Scope.USER);
    store.put("c1", "alice", "INIT", "1d20+2");
    store.put("c1", "alice", "sword", "1d8+3");
    assertThat(store.lookup("c1", "bob", "INIT")).contains("1d20+2");
    assertThat(store.lookup("c1", "bob", "sword")).isEmpty();
    assertThat(store.lookup("c2", "alice", "sword")).isEmpty();
    assertThat(store.lookup("c1", "alice", "sword")).contains("1d8+3");
  }

  @Test
  void putReplacesDeleteRemovesListShowsChannelThenOwn() {
    assertThat(store.put("c1", "alice", "sword", "1d8")).isFalse();
    assertThat(store.put("c1", "alice", "sword", "1d8+3")).isTrue();
    store.put("c1", "alice", "INIT", "1d20");
    store.put("c1", "bob", "axe", "1d12");
    assertThat(store.list("c1", "alice")).containsExactly(
        new SavedRoll("INIT", Scope.CHANNEL, "1d20"), new SavedRoll("sword", Scope.USER, "1d8+3"));
    assertThat(store.countOthers("c1", "alice", "sword")).isZero();
    assertThat(store.countOthers("c1", "alice", "bow")).isEqualTo(1);
    assertThat(store.delete("c1", "alice", "sword")).isTrue();
    assertThat(store.delete("c1", "alice", "sword")).isFalse();
  }

  @Test
  void survivesReopening() {
    store.put("c1", "alice", "sword", "1d8+3");
    reopen();
    assertThat(store.lookup("c1", "alice", "sword")).contains("1d8+3");
  }

  @Test
  void resolverHidesInvalidNamesAndCanOverrideOne() {
    store.put("c1", "alice", "sword", "1d8");
    SavedRollResolver r = new SavedRollResolver(store);
    assertThat(r.forUser("c1", "alice").lookup("sword")).contains("1d8");
    assertThat(r.forUser("c1", "alice").lookup("x'; DROP TABLE")).isEmpty();
    assertThat(r.withOverride("c1", "alice", "sword", "2d8").lookup("sword")).contains("2d8");
  }
}
