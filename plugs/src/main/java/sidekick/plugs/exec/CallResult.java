package sidekick.plugs.exec;

import sidekick.plugs.FaultKind;

/**
 * What one plug call gave: the return code and output, or a fault with its kind and message.
 * {@code output} is null when the plug set none.
 */
public record CallResult(int rc, byte[] output, String error, FaultKind fault, String faultMessage, long nanos) {
  public static CallResult fault(FaultKind kind, String message, long nanos) {
    return new CallResult(-1, null, null, kind, message, nanos);
  }

  public boolean ok() {
    return fault == null;
  }
}
