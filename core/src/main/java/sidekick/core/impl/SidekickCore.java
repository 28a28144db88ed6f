package sidekick.core.impl;

import java.nio.file.Path;
import sidekick.core.Core;
import sidekick.core.CoreConfig;

/** Wires the core's parts together behind the {@link Core} facade. */
public final class SidekickCore {
  private SidekickCore() {}

  public static Core open(Path dataDir, CoreConfig config) {
    throw new UnsupportedOperationException("the core is being built: API only in this commit");
  }
}
