package sidekick.dice;

import java.util.Map;
import java.util.Optional;

/**
 * Where {@code $name} references get their expression text. The engine asks lazily, at roll time,
 * once per reference it evaluates; a saved roll may itself reference others, and a cycle is a
 * {@link DiceException}, never a stack overflow. Implementations must be thread-safe if the same
 * instance is used by concurrent rolls.
 */
@FunctionalInterface
public interface SavedRolls {
  /** The expression text saved under {@code name} (without the {@code $}), or empty if none. */
  Optional<String> lookup(String name);

  /** No saved rolls at all: every {@code $name} is an error. */
  SavedRolls NONE = name -> Optional.empty();

  /** Saved rolls from a fixed map (tests, the command line). */
  static SavedRolls of(Map<String, String> byName) {
    Map<String, String> copy = Map.copyOf(byName);
    return name -> Optional.ofNullable(copy.get(name));
  }
}
