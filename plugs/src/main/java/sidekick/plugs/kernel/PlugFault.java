package sidekick.plugs.kernel;

import sidekick.plugs.FaultKind;

/**
 * Thrown by the host side of a call (a kernel function, a host function, the output check) to
 * stop the plug with a known kind. No stack trace: plugs can make us throw these in a loop.
 */
public final class PlugFault extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final FaultKind kind;

  public PlugFault(FaultKind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public FaultKind kind() {
    return kind;
  }
}
