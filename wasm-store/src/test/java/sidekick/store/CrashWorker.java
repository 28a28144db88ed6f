package sidekick.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Child process of {@link KillNineTest}: performs random uploads, replacements, removals, usage
 * flushes, gc and compaction on a store (with background maintenance running) until it is killed.
 * It prints {@code B key hash} before each plug change and {@code C key hash} once it committed
 * ({@code -} for a removal), so the parent knows what must have survived.
 */
public final class CrashWorker {
  static final int CHANNELS = 3;
  static final int NAMES = 4;

  private CrashWorker() {}

  /** The config both sides use: background work every few ms so kills land inside it too. */
  static StoreConfig config() {
    return StoreConfig.defaults()
        .withLevels(3, 12)
        .withColdAfter(Duration.ZERO)
        .withMaintenanceInterval(Duration.ofMillis(30))
        .withUsageFlush(Duration.ofMillis(20), 100)
        .withDictionary(8 << 10, 2048, 6);
  }

  /** Module {@code variant}: linked against one of two libraries, or small and standalone. */
  static byte[] module(int variant) {
    int kind = variant % 3;
    if (kind == 2) return Modules.module(10_000 + variant, 2000 + variant % 7 * 300);
    byte[] library = Modules.module(kind == 0 ? 77 : 78, 120_000);
    return Modules.linked(library, variant, 1500);
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    SplittableRandom r = new SplittableRandom(Long.parseLong(args[1]));
    try (WasmStore store = WasmStore.open(dir, config())) {
      say("READY");
      while (true) {
        String channel = "c" + r.nextInt(CHANNELS);
        String name = "p" + r.nextInt(NAMES);
        String key = channel + "/" + name;
        int op = r.nextInt(10);
        if (op < 6) {
          byte[] m = module(r.nextInt(24));
          String hash = WasmStore.sha256Hex(m);
          say("B " + key + " " + hash);
          store.put(channel, name, "s", "u", m);
          say("C " + key + " " + hash);
          store.recordUsage(channel, name, hash, r.nextInt(1000), r.nextBoolean(), 10, 10);
        } else if (op < 8) {
          say("B " + key + " -");
          store.remove(channel, name);
          say("C " + key + " -");
        } else if (op == 8) {
          store.gc();
        } else {
          store.compact();
        }
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
