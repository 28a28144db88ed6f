package sidekick.plugs;

/** What one plug did in one chain run (for logs and the command's trace). */
public record PlugRun(String plug, Action action, FaultKind fault, String message, long micros) {
  /** What came out of the plug. */
  public enum Action {
    PASS,
    REPLY,
    REWRITE,
    /** The call failed (see {@link #fault()}); the chain went on as if it passed. */
    FAULT
  }
}
