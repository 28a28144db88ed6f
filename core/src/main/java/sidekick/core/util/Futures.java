package sidekick.core.util;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What the core and the server do alike with a finished future's failure. */
public final class Futures {
  private Futures() {}

  /**
   * The failure as it was thrown: a {@link CompletionException}'s cause (the wrapper a dependent
   * stage or {@code join} adds), else the error itself.
   */
  public static Throwable cause(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  /** The result of a future, with the failure that ended it rethrown as it was thrown. */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }
}
