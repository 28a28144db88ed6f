package sidekick.core;

import java.util.Map;

/**
 * One value for {@code /metrics}: a Prometheus metric name (already prefixed {@code sidekick_}), its help
 * text, whether it is a counter or a gauge, its labels and its value.
 */
public record MetricSample(String name, String help, Type type, Map<String, String> labels, double value) {
  public enum Type {
    COUNTER,
    GAUGE
  }

  public MetricSample {
    labels = Map.copyOf(labels);
  }
}
