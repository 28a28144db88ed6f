package sidekick.plugs;

/** An upload (or an HTTP plug registration) refused before anything ran, with the reason. */
public final class PlugRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why; {@link #httpStatus()} maps it to the contract's answer. */
  public enum Reason {
    /** Over {@link PlugLimits#maxModuleBytes()}: 413. */
    TOO_LARGE(413),
    /** Not WebAssembly, malformed, or fails validation: 400. */
    INVALID(400),
    /** Imports something the ABI does not allow (the message names it): 400. */
    FORBIDDEN_IMPORT(400),
    /** No {@code handle () -> i32} export, or an export of the wrong type: 400. */
    MISSING_EXPORT(400),
    /** Declares more memory, tables or functions than the limits allow: 400. */
    OVER_LIMIT(400),
    /** Cannot be compiled and the interpreter fallback is off: 400. */
    NOT_COMPILABLE(400),
    /** An HTTP plug URL whose host is not on the allow-list: 400. */
    HOST_NOT_ALLOWED(400),
    /** The compile pool is full; try again later: 503. */
    BUSY(503);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Reason reason;

  public PlugRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** 413 for too large, 503 for busy, 400 otherwise. */
  public int httpStatus() {
    return reason.httpStatus();
  }
}
