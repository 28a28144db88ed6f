package sidekick.plugs;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A validated module, ready to install into any number of channels. Compiled code is shared by
 * every channel using the same bytes (keyed by sha256). A module uploaded for the first time may
 * be ready before it is compiled: it then answers in the interpreter (same limits) until {@link
 * #compiled()} completes.
 */
public interface PlugModule {
  /** sha256 of the module bytes, lower-case hex. */
  String hash();

  /** Size of the module in bytes. */
  int length();

  /** Time from the start of parsing to ready-to-call (0 when it came from the on-disk cache). */
  long compileMillis();

  /** Whether compiled code came from a cache (memory or disk) rather than a compile. */
  boolean fromCache();

  /** The ABI exports this module has among {@code handle, describe, before_reply, after_reply}. */
  Set<String> exports();

  /**
   * Whether some function runs in the (instruction-counted) interpreter now: every function while
   * a fresh upload compiles, afterwards only functions too large to compile.
   */
  boolean usesInterpreter();

  /**
   * Completes when the module runs compiled code: at once for a module compiled before it was
   * handed out; exceptionally when compiling failed (the module stays in the interpreter).
   */
  default CompletableFuture<Void> compiled() {
    return CompletableFuture.completedFuture(null);
  }
}
