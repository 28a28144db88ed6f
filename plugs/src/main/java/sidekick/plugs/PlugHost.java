package sidekick.plugs;

/**
 * What a plug may ask of its host, implemented by the core. The runtime calls it from plug worker
 * threads, concurrently, while the plug's wall-time limit runs: answer fast and never block on the
 * network. Calls arriving for a plug are counted and bounded by the runtime
 * ({@link PlugLimits#maxHostCallsPerCall()}), so a plug looping on {@code roll} is stopped there.
 */
public interface PlugHost {

  /** {@code roll}: roll one dice expression for the command's user. */
  RollAnswer roll(PlugCallContext context, String expr);

  /** {@code saved_roll}: look up a saved roll of the command's user or channel by name. */
  SavedRollAnswer savedRoll(PlugCallContext context, String name);

  /** A plug's log line (Extism {@code log_*}, or WASI stdout/stderr). Default: dropped. */
  default void log(PlugCallContext context, LogLevel level, String message) {}

  /** Who is calling: the plug and the command it runs on. */
  record PlugCallContext(String channel, String plugName, String moduleHash, CommandInput input) {}

  /**
   * Answer of {@code roll}: {@code {"total": 7, "text": "..."}} or {@code {"error": "..."}}. The
   * total is a JSON number (an integer where whole).
   */
  record RollAnswer(Number total, String text, String error) {
    public static RollAnswer ok(Number total, String text) {
      return new RollAnswer(total, text, null);
    }

    public static RollAnswer error(String message) {
      return new RollAnswer(null, null, message);
    }
  }

  /** Answer of {@code saved_roll}: {@code {"expr": "..."}} or {@code {"error": "..."}}. */
  record SavedRollAnswer(String expr, String error) {
    public static SavedRollAnswer ok(String expr) {
      return new SavedRollAnswer(expr, null);
    }

    public static SavedRollAnswer error(String message) {
      return new SavedRollAnswer(null, message);
    }
  }

  /** A host that knows no dice: every call answers an error. Useful for tests and tools. */
  PlugHost NONE =
      new PlugHost() {
        @Override
        public RollAnswer roll(PlugCallContext context, String expr) {
          return RollAnswer.error("rolling is not available here");
        }

        @Override
        public SavedRollAnswer savedRoll(PlugCallContext context, String name) {
          return SavedRollAnswer.error("no saved rolls here");
        }
      };
}
