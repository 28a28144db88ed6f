package sidekick.plugs.chain;

import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.PlugWorkers;
import sidekick.plugs.exec.Watchdog;

/**
 * Creates a freshly installed plug's first instance on a worker, so the first command finds it
 * warm. A failure here (a start function that traps or never returns) counts as the plug's fault.
 */
final class WarmJob implements PlugWorkers.Job {
  private final WasmPlug plug;

  WarmJob(WasmPlug plug) {
    this.plug = plug;
  }

  @Override
  public void run(Watchdog.Slot slot, Runnable onAbandon) {
    CallResult r = plug.warm(slot, onAbandon);
    if (slot.abandoned() || r.ok()) return;
    plug.record(r, 0, 0, r.fault());
    plug.breaker().fault();
  }

  @Override
  public void abandoned() {
    plug.breaker().fault();
  }

  @Override
  public void rejected() {
    // busy: the first command will instantiate instead
  }
}
