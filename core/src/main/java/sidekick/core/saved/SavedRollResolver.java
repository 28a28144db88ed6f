package sidekick.core.saved;

import java.util.Optional;
import sidekick.dice.SavedRolls;

/**
 * Gives the dice engine the saved rolls a user sees in a channel: {@code $NAME} from the channel,
 * {@code $name} from the user's own. Names that are not valid are simply unknown.
 */
public final class SavedRollResolver {
  private final SavedRollStore store;

  public SavedRollResolver(SavedRollStore store) {
    this.store = store;
  }

  public SavedRolls forUser(String channel, String user) {
    return name -> SavedRollStore.validName(name) ? store.lookup(channel, user, name) : Optional.empty();
  }

  /** The user's view with one roll replaced (to check a new definition before saving it). */
  public SavedRolls withOverride(String channel, String user, String name, String expr) {
    SavedRolls base = forUser(channel, user);
    return n -> n.equals(name) ? Optional.of(expr) : base.lookup(n);
  }
}
