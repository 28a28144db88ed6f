package sidekick.dice.stats;

import sidekick.dice.DiceException;
import sidekick.dice.DiceLimits;
import sidekick.dice.Distribution;
import sidekick.dice.eval.Node;

/** Computes exact distributions by convolution over the expression tree. */
public final class DistributionBuilder {
  private final DiceLimits limits;

  public DistributionBuilder(DiceLimits limits) {
    this.limits = limits;
  }

  public Distribution build(Node root) {
    throw new DiceException("distributions are not built yet");
  }
}
