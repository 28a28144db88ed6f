package sidekick.plugs;

import java.util.Map;

/**
 * A plug's counters at one moment: calls, errors by kind, latency (from a log-scale histogram, so
 * p50/p99 are within a few percent), and bytes in and out.
 */
public record PlugMetricsSnapshot(
    long calls,
    Map<FaultKind, Long> errorsByKind,
    long p50Micros,
    long p99Micros,
    long maxMicros,
    long bytesIn,
    long bytesOut) {

  public PlugMetricsSnapshot {
    errorsByKind = Map.copyOf(errorsByKind);
  }

  /** Every error, whatever the kind ({@link FaultKind#DISABLED} skips are not calls nor errors). */
  public long errors() {
    long n = 0;
    for (var e : errorsByKind.entrySet()) if (e.getKey() != FaultKind.DISABLED) n += e.getValue();
    return n;
  }
}
