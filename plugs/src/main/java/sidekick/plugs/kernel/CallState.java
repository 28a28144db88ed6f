package sidekick.plugs.kernel;

import sidekick.plugs.PlugHost.PlugCallContext;

/** What one call carries through the kernel: input, output, error, counters. Reset per call. */
public final class CallState {
  byte[] input = new byte[0];
  long inputOffset;
  byte[] output;
  String error;
  int hostCalls;
  int logBytes;
  PlugCallContext context;

  public void begin(PlugCallContext context, byte[] input) {
    this.context = context;
    this.input = input;
    this.inputOffset = 0;
    this.output = null;
    this.error = null;
    this.hostCalls = 0;
    this.logBytes = 0;
  }

  /** The output the plug set, null when it set none. */
  public byte[] output() {
    return output;
  }

  /** The message the plug set with {@code error_set}, null when none. */
  public String error() {
    return error;
  }

  public PlugCallContext context() {
    return context;
  }
}
