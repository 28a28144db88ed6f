package sidekick.plugs.kernel;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import sidekick.plugs.FaultKind;
import sidekick.plugs.LogLevel;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugLimits;

/**
 * The host side of one plug instance: its kernel memory, the state of the call in progress, the
 * installed plug's vars and config, and the core's {@link PlugHost}. Used by one thread at a time
 * (instances are never shared between threads).
 */
public final class KernelSession {
  final KernelMemory memory;
  final CallState call = new CallState();
  final PlugVars vars;
  final Map<String, String> config;
  final PlugHost host;
  final PlugLimits limits;

  public KernelSession(
      KernelMemory memory, PlugVars vars, Map<String, String> config, PlugHost host, PlugLimits limits) {
    this.memory = memory;
    this.vars = vars;
    this.config = config;
    this.host = host;
    this.limits = limits;
  }

  public CallState call() {
    return call;
  }

  public KernelMemory memory() {
    return memory;
  }

  /** Sets the output, stopping the call when it is over the output limit. */
  void setOutput(long offset, long length) {
    if (length > limits.maxOutputBytes()) {
      throw new PlugFault(
          FaultKind.BAD_OUTPUT,
          "output of " + length + " bytes is over the limit of " + limits.maxOutputBytes());
    }
    call.output = memory.read(offset, length);
  }

  void setError(long offset) {
    byte[] message = memory.readBlock(offset);
    int max = limits.maxOutputBytes();
    call.error = new String(message, 0, Math.min(message.length, max), StandardCharsets.UTF_8);
  }

  /** Counts a host function call against the per-call budget. */
  void countHostCall(String name) {
    if (++call.hostCalls > limits.maxHostCallsPerCall()) {
      throw new PlugFault(
          FaultKind.TRAP,
          "more than " + limits.maxHostCallsPerCall() + " host calls (" + name + ") in one call");
    }
  }

  /** Forwards a log line to the host, within the per-call log budget. */
  public void log(LogLevel level, byte[] bytes) {
    int room = limits.maxLogBytesPerCall() - call.logBytes;
    if (room <= 0) return;
    int n = Math.min(room, bytes.length);
    call.logBytes += n;
    try {
      host.log(call.context, level, new String(bytes, 0, n, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      // a failing log sink must not fail the plug
    }
  }

  /** After a call: forget every block. */
  public void endCall() {
    memory.reset();
    call.input = null;
    call.context = null;
  }
}
