package sidekick.plugs;

/**
 * What one plug did in one chain run (for logs, the command's trace and usage statistics): its
 * action, fault, time, and the bytes of JSON it was given and gave back.
 */
public record PlugRun(
    String plug, Action action, FaultKind fault, String message, long micros, long bytesIn, long bytesOut) {
  /** A run with no byte counts (a plug that was not called: disabled, workers busy). */
  public PlugRun(String plug, Action action, FaultKind fault, String message, long micros) {
    this(plug, action, fault, message, micros, 0, 0);
  }

  /** What came out of the plug. */
  public enum Action {
    PASS,
    REPLY,
    REWRITE,
    /** The call failed (see {@link #fault()}); the chain went on as if it passed. */
    FAULT
  }
}
