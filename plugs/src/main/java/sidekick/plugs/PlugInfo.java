package sidekick.plugs;

import java.time.Instant;

/**
 * One installed plug of a channel. {@code hash} and {@code length} describe a WebAssembly plug;
 * an HTTP plug has {@code url} instead. {@code disabledUntil} is set while the plug is disabled
 * after repeated faults.
 */
public record PlugInfo(
    String name,
    Kind kind,
    String hash,
    int length,
    String url,
    Instant disabledUntil,
    PlugMetricsSnapshot metrics) {

  /** Where the plug runs. */
  public enum Kind {
    WASM,
    HTTP
  }
}
