package sidekick.plugs.chain;

import java.net.http.HttpClient;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.exec.PlugWorkers;
import sidekick.plugs.metrics.PlugMetrics;

/** What every channel's chain shares: limits, the core's host, workers, HTTP client, module metrics. */
public interface PlugEnvironment {
  PlugLimits limits();

  PlugHost host();

  PlugWorkers workers();

  HttpClient httpClient();

  /** Runs low-priority work (warming a new plug's first instance) off the command workers. */
  void background(java.util.function.Consumer<sidekick.plugs.exec.Watchdog.Slot> task);

  /** Bounds the warm instances idling over every plug. */
  sidekick.plugs.exec.IdleBudget idleBudget();

  /** The metrics summed over every channel using the module with this hash. */
  PlugMetrics moduleMetrics(String hash);
}
