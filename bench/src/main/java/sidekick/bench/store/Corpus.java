package sidekick.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The benchmark corpus that {@code bench/store/corpus.sh} builds (npm modules, generated family). */
record Corpus(String name, List<Path> files) {
  /** Where corpus.sh puts it; -Dsidekick.corpus=DIR overrides. */
  static Path root() {
    Path root = Path.of(System.getProperty("sidekick.corpus", "bench/corpus"));
    if (!Files.isDirectory(root.resolve("npm")) || !Files.isDirectory(root.resolve("family"))) {
      throw new IllegalStateException(
          "no corpus at " + root.toAbsolutePath() + ": run bench/store/corpus.sh first");
    }
    return root;
  }

  static Corpus load(String name) {
    Path dir = root().resolve(name);
    try (Stream<Path> s = Files.list(dir)) {
      return new Corpus(name, s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long rawBytes() {
    return files.stream().mapToLong(p -> {
      try {
        return Files.size(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).sum();
  }

  /**
   * The package a corpus file came from, without version ("sql.js_1.16.0__dist_x.wasm" ->
   * "sql.js"); family files all share "family".
   */
  static String packageOf(Path p) {
    String n = p.getFileName().toString();
    int sep = n.indexOf("__");
    if (sep < 0) return "family";
    String spec = n.substring(0, sep);
    int version = spec.lastIndexOf('_');
    return version < 0 ? spec : spec.substring(0, version);
  }
}
