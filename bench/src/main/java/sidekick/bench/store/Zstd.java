package sidekick.bench.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The zstd command line as the baseline: compressed size of one file at level 19. */
final class Zstd {
  private Zstd() {}

  /** Size of {@code zstd -19 [--patch-from=base] -c file}. */
  static long size(Path file, Path base) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("zstd", "-19", "-q", "-c", "--single-thread"));
    if (base != null) cmd.add("--patch-from=" + base);
    cmd.add(file.toString());
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long n = 0;
    try (InputStream in = p.getInputStream()) {
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) n += r;
    }
    if (p.waitFor() != 0) throw new IOException("zstd failed on " + file);
    return n;
  }

  static String version() {
    try {
      Process p = new ProcessBuilder("zstd", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return v;
    } catch (IOException | InterruptedException e) {
      return "zstd not found";
    }
  }
}
