package sidekick.plugs.kernel;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import sidekick.plugs.FaultKind;

/**
 * An installed plug's Extism vars: kept across calls (and across a hot swap), shared by its
 * instances, bounded in total bytes (keys plus values).
 */
public final class PlugVars {
  private final int maxBytes;
  private final Map<String, byte[]> vars = new HashMap<>();
  private long bytes;

  public PlugVars(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  public synchronized byte[] get(String key) {
    return vars.get(key);
  }

  /** Sets (or, with a null value, deletes) a var; over the budget the call is stopped. */
  public synchronized void set(String key, byte[] value) {
    int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
    byte[] old = vars.get(key);
    long after = bytes - (old == null ? 0 : keyBytes + old.length)
        + (value == null ? 0 : keyBytes + value.length);
    if (after > maxBytes) {
      throw new PlugFault(FaultKind.MEMORY, "vars would exceed " + maxBytes + " bytes");
    }
    if (value == null) vars.remove(key);
    else vars.put(key, value);
    bytes = after;
  }

  public synchronized long bytes() {
    return bytes;
  }
}
