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

  /**
   * Hash-map merges (boxing, hashing) cost about {@value #MAP_WORK_COST} times an array
   * multiply-add; charging them so keeps {@link #MAX_WORK} a bound on time, not on operations.
   */
  static final int MAP_WORK_COST = 20;

  void mapWork(long merges) {
    work(merges * MAP_WORK_COST);
  }

  /** Numbers one dynamic-programming table may hold (two of them live at once: 64 MB). */
  static final long MAX_TABLE_CELLS = 4_000_000L;

  void cells(long cells) {
    if (cells > MAX_TABLE_CELLS) throw new DiceException("this expression is too complex for exact odds (its keep/drop table would need more than " + MAX_TABLE_CELLS + " numbers)");
  }

  void support(long size) {
    if (size > maxSupport) {
      throw new DiceException("this expression has too many possible totals for exact odds (more than " + maxSupport + ")");
    }
  }
}
