package sidekick.core.impl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import sidekick.core.CoreException;

/**
 * {@code DATA/sidekick.lock}: one core per data directory, because each channel's event seq is kept in
 * memory by the process appending to it. Operator tools (the CLI's token commands) do not take it.
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE_NAME = "sidekick.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw CoreException.internal("the data directory " + dataDir
            + " is in use by another running sidekick core", null);
      }
      return new DataDirLock(ch, lock);
    } catch (IOException e) {
      throw CoreException.internal("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the lock dies with the process anyway
    }
  }
}
