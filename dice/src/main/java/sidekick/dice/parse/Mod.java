package sidekick.dice.parse;

import sidekick.dice.eval.DiceMods;

/** One modifier as written, applied to a term's builder once the term's faces are known. */
@FunctionalInterface
interface Mod {
  /** @param minFace the lowest face of the term's die (-1 fudge, 1 numbered): {@code r} rerolls it */
  void applyTo(DiceMods.Builder builder, int minFace);
}
