package sidekick.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.core.Principal;

/**
 * A core on a fresh temporary data directory for one benchmark trial, with its admin token and the
 * admin's principal; closing it closes the core and deletes the directory.
 */
public final class BenchCore implements AutoCloseable {
  public final Path dir;
  public final Core core;
  public final String adminToken;
  public final Principal admin;

  private BenchCore(Path dir, Core core) throws IOException {
    this.dir = dir;
    this.core = core;
    this.adminToken = Files.readString(core.adminTokenFile()).strip();
    this.admin = core.authenticate(adminToken).orElseThrow();
  }

  /** Opens a core with the default configuration in a new directory named after {@code name}. */
  public static BenchCore open(String name) throws IOException {
    Path dir = Files.createTempDirectory("sidekick-bench-" + name);
    return new BenchCore(dir, Core.open(dir, CoreConfig.defaults()));
  }

  /** A module of the repository's plug examples, e.g. {@code examplePlug("assemblyscript", "dice-words.wasm")}. */
  public static byte[] examplePlug(String language, String file) throws IOException {
    return Files.readAllBytes(Path.of(System.getProperty("sidekick.repo", "."), "plugs", "examples", language, file));
  }

  @Override
  public void close() throws IOException {
    core.close();
    TempDirs.deleteTree(dir);
  }
}
