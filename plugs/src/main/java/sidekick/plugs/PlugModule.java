package sidekick.plugs;

import java.util.Set;

/**
 * A validated, compiled module, ready to install into any number of channels. Compiled code is
 * shared by every channel using the same bytes (keyed by sha256).
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

  /** Whether some function runs in the (instruction-counted) interpreter, too large to compile. */
  boolean usesInterpreter();
}
