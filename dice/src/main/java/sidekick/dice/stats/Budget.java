package sidekick.dice.stats;

import sidekick.dice.DiceException;

/** Bounds the work and the size of one distribution, so any expression answers quickly or fails. */
final class Budget {
  /** Multiply-adds one distribution may take (about a second on a slow core). */
  static final long MAX_WORK = 400_000_000L;

  private final long maxSupport;
  private long work;

  Budget(long maxSupport) {
    this.maxSupport = maxSupport;
  }

  void work(long units) {
    work += units;
    if (work > MAX_WORK) throw new DiceException("this expression is too complex for exact odds");
  }

  void support(long size) {
    if (size > maxSupport) {
      throw new DiceException("this expression has too many possible totals for exact odds (more than " + maxSupport + ")");
    }
  }
}
