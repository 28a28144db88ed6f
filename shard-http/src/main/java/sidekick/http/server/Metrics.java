package sidekick.http.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Request counters and latency histograms per route and status, plus gauges and labelled samples
 * pulled from other parts (sessions, parked polls, plugs, store, shards) at scrape time, written in
 * the Prometheus text exposition format (version 0.0.4).
 */
public final class Metrics {
  /** Latency bucket bounds in seconds: 100 µs to 10 s. */
  static final double[] BUCKETS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10
  };

  /** Per route: counts by status and the latency histogram (no key built, no lock per request). */
  private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();
  private final List<Family> families = new CopyOnWriteArrayList<>();
  private final List<Supplier<List<Sample>>> sources = new CopyOnWriteArrayList<>();

  /** Counts one answered request: its route (an operation name, "static", ...), status and time. */
  public void record(String route, int status, long nanos) {
    Route r = routes.get(route);
    if (r == null) r = routes.computeIfAbsent(route, k -> new Route());
    r.count(status);
    r.latency.observe(nanos);
  }

  public void gauge(String name, String help, DoubleSupplier value) {
    families.add(new Family(name, help, "gauge", () -> Map.of("", value.getAsDouble())));
  }

  /**
   * A family whose samples are computed at scrape time; keys are label sets already written as
   * {@code a="x",b="y"} (empty for none).
   */
  public void family(String name, String help, String type, Supplier<Map<String, Double>> samples) {
    families.add(new Family(name, help, type, samples));
  }

  /** One sample from an outside source: a metric name, its help, type, labels and value. */
  public record Sample(String name, String help, String type, Map<String, String> labels, double value) {}

  /** A source of samples of several families (grouped by name at scrape time), e.g. the core's. */
  public void source(Supplier<List<Sample>> samples) {
    sources.add(samples);
  }

  public String scrape() {
    StringBuilder out = new StringBuilder(4096);
    header(out, "sidekick_http_requests_total", "Requests answered, by route and status.", "counter");
    TreeMap<String, Route> sorted = new TreeMap<>(routes);
    sorted.forEach((route, r) -> {
      for (int status = 0; status < r.byStatus.length(); status++) {
        LongAdder count = r.byStatus.get(status);
        if (count == null) continue;
        out.append("sidekick_http_requests_total{route=\"").append(escape(route)).append("\",status=\"")
            .append(status).append("\"} ").append(count.sum()).append('\n');
      }
    });
    header(out, "sidekick_http_request_seconds", "Time to answer a request, by route.", "histogram");
    sorted.forEach((route, r) -> r.latency.write(out, escape(route)));
    for (Family f : families) {
      Map<String, Double> samples;
      try {
        samples = f.samples.get();
      } catch (RuntimeException e) {
        continue; // a failing source must not break the whole scrape
      }
      header(out, f.name, f.help, f.type);
      new TreeMap<>(samples)
          .forEach(
              (labels, v) -> {
                out.append(f.name);
                if (!labels.isEmpty()) out.append('{').append(labels).append('}');
                out.append(' ').append(number(v)).append('\n');
              });
    }
    for (Supplier<List<Sample>> source : sources) writeSource(out, source);
    return out.toString();
  }

  private static void writeSource(StringBuilder out, Supplier<List<Sample>> source) {
    List<Sample> samples;
    try {
      samples = source.get();
    } catch (RuntimeException e) {
      return;
    }
    Map<String, List<Sample>> byName = new TreeMap<>();
    for (Sample s : samples) byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
    byName.forEach(
        (name, list) -> {
          header(out, name, list.get(0).help(), list.get(0).type());
          for (Sample s : list) {
            out.append(name);
            if (!s.labels().isEmpty()) {
              out.append('{');
              String sep = "";
              for (Map.Entry<String, String> l : new TreeMap<>(s.labels()).entrySet()) {
                out.append(sep).append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
                sep = ",";
              }
              out.append('}');
            }
            out.append(' ').append(number(s.value())).append('\n');
          }
        });
  }

  /** Escapes a label value for the text format. */
  public static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  static String number(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }

  private record Family(String name, String help, String type, Supplier<Map<String, Double>> samples) {}

  /** One route's request counts by HTTP status (100-599; anything else counts as 0). */
  private static final class Route {
    final AtomicReferenceArray<LongAdder> byStatus = new AtomicReferenceArray<>(600);
    final Histogram latency = new Histogram();

    void count(int status) {
      int i = status >= 100 && status < 600 ? status : 0;
      LongAdder c = byStatus.get(i);
      if (c == null) {
        byStatus.compareAndSet(i, null, new LongAdder());
        c = byStatus.get(i);
      }
      c.increment();
    }
  }

  private static final class Histogram {
    /** The bucket bounds in nanoseconds. */
    static final long[] BOUNDS = new long[BUCKETS.length];

    static {
      for (int i = 0; i < BUCKETS.length; i++) BOUNDS[i] = Math.round(BUCKETS[i] * 1e9);
    }

    final LongAdder[] counts = new LongAdder[BUCKETS.length];
    final LongAdder total = new LongAdder();
    final LongAdder sumNanos = new LongAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
    }

    void observe(long nanos) {
      for (int i = 0; i < BOUNDS.length; i++) {
        if (nanos <= BOUNDS[i]) {
          counts[i].increment();
          break;
        }
      }
      total.increment();
      sumNanos.add(nanos);
    }

    void write(StringBuilder out, String route) {
      List<Long> cumulative = new ArrayList<>(BUCKETS.length);
      long running = 0;
      for (LongAdder c : counts) {
        running += c.sum();
        cumulative.add(running);
      }
      String name = "sidekick_http_request_seconds";
      for (int i = 0; i < BUCKETS.length; i++) {
        out.append(name).append("_bucket{route=\"").append(route).append("\",le=\"")
            .append(BUCKETS[i]).append("\"} ").append(cumulative.get(i)).append('\n');
      }
      long count = total.sum();
      out.append(name).append("_bucket{route=\"").append(route).append("\",le=\"+Inf\"} ")
          .append(count).append('\n');
      out.append(name).append("_sum{route=\"").append(route).append("\"} ")
          .append(sumNanos.sum() / 1e9).append('\n');
      out.append(name).append("_count{route=\"").append(route).append("\"} ")
          .append(count).append('\n');
    }
  }
}
