package sidekick.store.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Least-recently-used cache of byte arrays bounded by their total length. An entry larger than the
 * whole bound is not cached. Callers must not modify the arrays they put or get.
 */
public final class ByteBoundedCache<K> {
  private final long maxBytes;
  private final LinkedHashMap<K, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;

  public ByteBoundedCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public synchronized byte[] get(K key) {
    byte[] v = entries.get(key);
    if (v == null) misses++;
    else hits++;
    return v;
  }

  public synchronized void put(K key, byte[] value) {
    if (value.length > maxBytes) return;
    byte[] old = entries.put(key, value);
    if (old != null) bytes -= old.length;
    bytes += value.length;
    Iterator<Map.Entry<K, byte[]>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      bytes -= eldest.next().getValue().length;
      eldest.remove();
    }
  }

  public synchronized void remove(K key) {
    byte[] old = entries.remove(key);
    if (old != null) bytes -= old.length;
  }

  public synchronized void clear() {
    entries.clear();
    bytes = 0;
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized long hits() {
    return hits;
  }

  public synchronized long misses() {
    return misses;
  }
}
