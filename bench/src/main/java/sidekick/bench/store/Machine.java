package sidekick.bench.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** One line describing where a benchmark ran. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (Exception e) {
      // not Linux: keep "unknown CPU"
    }
    return Runtime.getRuntime().availableProcessors() + " cpus (nproc), " + cpu + ", Java "
        + System.getProperty("java.version") + ", " + Zstd.version();
  }
}
