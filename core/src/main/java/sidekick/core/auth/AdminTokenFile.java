package sidekick.core.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import sidekick.core.TokenSpec;
import sidekick.core.TokenKind;

/**
 * {@code DATA/admin.token}: written once, at the first start, readable by its owner only (0600). When
 * the file is missing (first start, or an operator deleted it to rotate), a new admin token is made.
 */
public final class AdminTokenFile {
  public static final String FILE_NAME = "admin.token";

  private AdminTokenFile() {}

  /** Makes sure the file exists; returns true when this call created a new admin token. */
  public static boolean ensure(Path dataDir, TokenService tokens) {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) return false;
    String token = tokens.create(new TokenSpec(TokenKind.ADMIN, null, null, true, "admin.token")).token();
    try {
      write(file, token + "\n");
    } catch (FileAlreadyExistsException raced) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return true;
  }

  private static void write(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      // Created with 0600 from the start: never readable by others, not even for a moment.
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
