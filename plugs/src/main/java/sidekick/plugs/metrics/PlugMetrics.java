package sidekick.plugs.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import sidekick.plugs.FaultKind;
import sidekick.plugs.PlugMetricsSnapshot;

/** Counters of one plug (or one module over every channel): lock-free, cheap to record. */
public final class PlugMetrics {
  private final LongAdder calls = new LongAdder();
  private final EnumMap<FaultKind, LongAdder> errors = new EnumMap<>(FaultKind.class);
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LatencyHistogram latency = new LatencyHistogram();

  public PlugMetrics() {
    for (FaultKind k : FaultKind.values()) errors.put(k, new LongAdder());
  }

  /** A call that ran: its latency, bytes, and fault kind (null when it went well). */
  public void record(long nanos, int in, int out, FaultKind fault) {
    calls.increment();
    bytesIn.add(in);
    bytesOut.add(out);
    latency.record(nanos);
    if (fault != null) errors.get(fault).increment();
  }

  /** A call skipped because the plug is disabled. */
  public void recordSkipped() {
    errors.get(FaultKind.DISABLED).increment();
  }

  public PlugMetricsSnapshot snapshot() {
    Map<FaultKind, Long> byKind = new EnumMap<>(FaultKind.class);
    errors.forEach((k, v) -> {
      long n = v.sum();
      if (n > 0) byKind.put(k, n);
    });
    return new PlugMetricsSnapshot(
        calls.sum(), byKind, latency.percentile(0.50) / 1000, latency.percentile(0.99) / 1000,
        latency.max() / 1000, bytesIn.sum(), bytesOut.sum());
  }
}
