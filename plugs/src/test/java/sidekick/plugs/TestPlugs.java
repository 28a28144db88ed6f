package sidekick.plugs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Helpers shared by the tests. Modules are the committed .wasm files: examples under {@code
 * plugs/examples/}, test modules under {@code src/test/resources/wasm/} (built from {@code
 * src/test/wat/} by {@code examples/build.sh test}), so tests need no toolchain.
 */
public final class TestPlugs {
  private TestPlugs() {}

  /** A committed example module, e.g. {@code wat/shout.wasm}. */
  public static byte[] example(String path) {
    return read(Path.of("examples").resolve(path));
  }

  /** A committed test module by name, e.g. {@code endless-loop}. */
  public static byte[] module(String name) {
    return read(Path.of("src/test/resources/wasm").resolve(name + ".wasm"));
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Limits for tests whose subject is not time: a call limit long enough that a cold JVM on a busy
   * CI machine never trips it.
   */
  public static final PlugLimits RELAXED =
      PlugLimits.builder().callTimeout(java.time.Duration.ofSeconds(20)).instantiateTimeout(java.time.Duration.ofSeconds(20)).build();

  public static CommandInput command(String text) {
    return CommandInput.of(text, "c1", "s1", "u1", "Grog");
  }

  /** Config for the {@code config-output} module: it sets this output and returns 0. */
  public static Map<String, String> output(String json) {
    return Map.of("output", json);
  }

  /** Installs the {@code config-output} module answering {@code json} as plug {@code name}. */
  public static PlugInfo installReplying(PlugRuntime runtime, ChannelPlugs ch, String name, String json) {
    PlugModule m = runtime.load(module("config-output")).join();
    return ch.install(name, m, output(json));
  }
}
