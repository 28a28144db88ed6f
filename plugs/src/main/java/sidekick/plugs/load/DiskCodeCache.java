package sidekick.plugs.load;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chicory's compiled classes for a module, kept on disk by the module's sha256 so a restart does
 * not recompile. One directory per Chicory version (compiled code is tied to it). Writes are
 * atomic (temp file, then rename), so a crash never leaves a torn entry.
 */
public final class DiskCodeCache implements Cache {
  /** Bumped with the Chicory version in the parent pom: old code is never loaded by a new one. */
  static final String LAYOUT = "chicory-1.7.5";

  private final Path dir;
  private final String prefix;
  private final AtomicLong hits;

  /** @param prefix namespace, e.g. for modules compiled with interpreter fallback */
  public DiskCodeCache(Path root, String prefix, AtomicLong hits) throws IOException {
    this.dir = root.resolve(LAYOUT);
    Files.createDirectories(dir);
    this.prefix = prefix;
    this.hits = hits;
  }

  /** Chicory keys look like {@code sha256:BASE64}; files are named by hex. */
  private Path file(String key) {
    int colon = key.indexOf(':');
    String b64 = colon < 0 ? key : key.substring(colon + 1);
    return dir.resolve(prefix + HexFormat.of().formatHex(Base64.getDecoder().decode(b64)) + ".jar");
  }

  /** Whether compiled code for this sha256 (hex) is on disk. */
  public boolean has(String sha256Hex) {
    return Files.isRegularFile(dir.resolve(prefix + sha256Hex + ".jar"));
  }

  @Override
  public byte[] get(String key) throws IOException {
    try {
      byte[] data = Files.readAllBytes(file(key));
      hits.incrementAndGet();
      return data;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void putIfAbsent(String key, byte[] data) throws IOException {
    Path target = file(key);
    if (Files.exists(target)) return;
    Path tmp = Files.createTempFile(dir, "tmp-", ".jar");
    try {
      Files.write(tmp, data);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
