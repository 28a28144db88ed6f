package sidekick.plugs.chain;

import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.Watchdog;

/**
 * Creates a freshly installed plug's first instance in the background (never on a command
 * worker), so the first command finds it warm. A failure here (a start function that traps or
 * never returns) counts as the plug's fault.
 */
final class WarmJob {
  private WarmJob() {}

  /** Runs on a background thread, with that thread's watchdog slot. */
  static void warm(WasmPlug plug, Watchdog.Slot slot) {
    CallResult r = plug.warm(slot, null);
    if (slot.abandoned()) slot.reset();
    if (r.ok()) return;
    plug.record(r, 0, 0, r.fault());
    plug.breaker().fault();
  }

}
