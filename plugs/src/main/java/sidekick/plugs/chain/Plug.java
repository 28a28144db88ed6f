package sidekick.plugs.chain;

import sidekick.plugs.PlugHost.PlugCallContext;
import sidekick.plugs.PlugInfo;
import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.Watchdog;
import sidekick.plugs.metrics.PlugMetrics;

/** One installed plug of a channel, WebAssembly or HTTP. */
public interface Plug {
  String name();

  boolean hasExport(String export);

  /** Calls an export under the time limit on the calling thread. */
  CallResult call(String export, byte[] input, PlugCallContext context, Watchdog.Slot slot, Runnable onAbandon);

  /** Records a call's outcome in this plug's metrics (and its module's). */
  void record(CallResult result, int bytesIn, int bytesOut, sidekick.plugs.FaultKind fault);

  PlugMetrics metrics();

  FaultBreaker breaker();

  /** The module hash (WebAssembly) or null (HTTP). */
  String moduleHash();

  PlugInfo info();

  /** The plug left its chain (replaced or removed): free what it keeps warm. Calls in flight finish. */
  default void retire() {}
}
