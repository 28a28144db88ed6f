package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void countsRequestsByRouteAndStatusWithCumulativeBuckets() {
    Metrics m = new Metrics();
    m.record("command", 200, 300_000); // 0.3 ms
    m.record("command", 200, 2_000_000); // 2 ms
    m.record("command", 429, 50_000);
    String text = m.scrape();
    assertThat(text)
        .contains("# TYPE sidekick_http_requests_total counter")
        .contains("sidekick_http_requests_total{route=\"command\",status=\"200\"} 2")
        .contains("sidekick_http_requests_total{route=\"command\",status=\"429\"} 1")
        .contains("sidekick_http_request_seconds_bucket{route=\"command\",le=\"1.0E-4\"} 1")
        .contains("sidekick_http_request_seconds_bucket{route=\"command\",le=\"5.0E-4\"} 2")
        .contains("sidekick_http_request_seconds_bucket{route=\"command\",le=\"0.0025\"} 3")
        .contains("sidekick_http_request_seconds_bucket{route=\"command\",le=\"+Inf\"} 3")
        .contains("sidekick_http_request_seconds_count{route=\"command\"} 3");
  }

  @Test
  void gaugesAndFamiliesAreReadAtScrapeTimeAndEscaped() {
    Metrics m = new Metrics();
    int[] sessions = {1};
    m.gauge("sidekick_ws_sessions", "Open WebSocket sessions.", () -> sessions[0]);
    m.family("sidekick_plug_calls_total", "Plug calls.", "counter",
        () -> Map.of("channel=\"" + Metrics.escape("c\"1") + "\",plug=\"dice\"", 5.0));
    m.family("broken", "A source that fails.", "gauge", () -> { throw new IllegalStateException(); });
    sessions[0] = 4;
    String text = m.scrape();
    assertThat(text)
        .contains("# TYPE sidekick_ws_sessions gauge\nsidekick_ws_sessions 4\n")
        .contains("sidekick_plug_calls_total{channel=\"c\\\"1\",plug=\"dice\"} 5\n")
        .doesNotContain("broken");
  }
}
