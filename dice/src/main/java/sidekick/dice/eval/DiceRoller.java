package sidekick.dice.eval;

import static sidekick.dice.render.Marks.*;

import sidekick.dice.RandomSource;

/** Rolls the dice of one term with its modifiers: rerolls, explosions, unique, then keep/drop. */
final class DiceRoller {
  private final Faces faces;
  private final DiceMods mods;
  private final RollContext ctx;
  private final RandomSource random;
  private final int position;
  /** Whether the last {@link #rollClamped} was raised or lowered by min/max. */
  private int clampMark;

  DiceRoller(Faces faces, DiceMods mods, RollContext ctx, int position) {
    this.faces = faces;
    this.mods = mods;
    this.ctx = ctx;
    this.random = ctx.random;
    this.position = position;
  }

  DieBuffer roll(int count) {
    return roll(count, mods.plainFaces());
  }

  /** @param tight whether to take {@link #rollPlain} (tests compare it with the general way) */
  DieBuffer roll(int count, boolean tight) {
    ctx.reserveDice(count, position);
    // room for the usual explosions too: growing copies both arrays
    DieBuffer dice = new DieBuffer(mods.explode == DiceMods.Explode.NONE ? count : count + (count >> 1) + 2);
    if (tight) {
      rollPlain(dice, count);
      return dice;
    }
    for (int i = 0; i < count; i++) rollChain(dice);
    if (mods.unique) makeUnique(dice);
    return dice;
  }

  /**
   * The common case kept tight ({@link DiceMods#plainFaces()}: {@code 4d6}, {@code 4d6kh3}, {@code
   * 10d10!>8}): the same random numbers and marks as {@link #rollChain} gives such dice.
   */
  private void rollPlain(DieBuffer dice, int count) {
    int max = faces.max();
    int min = faces.min();
    boolean crits = faces.sides() > 1;
    // the faces that explode, as one range: an empty one when the dice do not explode
    long explodeFrom = Long.MAX_VALUE;
    long explodeTo = Long.MIN_VALUE;
    if (mods.explode == DiceMods.Explode.EXPLODE) {
      Compare on = mods.explodeOn;
      explodeFrom = on == null ? max : on.lowestWhole();
      explodeTo = on == null ? max : on.highestWhole();
    }
    for (int i = 0; i < count; i++) {
      int face = faces.roll(random);
      dice.add(face, crits ? naturalCrit(face, min, max) : 0);
      while (face >= explodeFrom && face <= explodeTo) {
        dice.markLast(EXPLODED);
        ctx.reserveDice(1, position);
        face = faces.roll(random);
        dice.add(face, crits ? naturalCrit(face, min, max) : 0);
      }
    }
  }

  private static int naturalCrit(int face, int min, int max) {
    return face == max ? CRITICAL_SUCCESS : face == min ? CRITICAL_FAILURE : 0;
  }

  /** One die and everything it sets off: rerolls, then explosions. Its budget is reserved. */
  private void rollChain(DieBuffer dice) {
    int face = rollKept(dice);
    switch (mods.explode) {
      case NONE:
        dice.add(face, marksOf(face));
        break;
      case EXPLODE:
        dice.add(face, marksOf(face));
        while (mods.explodes(face, faces)) {
          dice.markLast(EXPLODED);
          ctx.reserveDice(1, position);
          face = rollKept(dice);
          dice.add(face, marksOf(face));
        }
        break;
      case COMPOUND: {
        int first = face;
        long total = face;
        boolean chained = false;
        while (mods.explodes(face, faces)) {
          chained = true;
          ctx.reserveDice(1, position);
          face = rollKept(dice);
          total += face;
        }
        dice.add((int) total, marksOf(first) | (chained ? COMPOUNDED : 0));
        break;
      }
      default: { // PENETRATE: every extra die counts one less
        dice.add(face, marksOf(face));
        while (mods.explodes(face, faces)) {
          dice.markLast(EXPLODED);
          ctx.reserveDice(1, position);
          face = rollKept(dice);
          dice.add(face - 1, marksOf(face) | PENETRATED);
        }
      }
    }
  }

  /** Rolls a face (clamped) and rerolls it while it matches; replaced faces are kept, struck. */
  private int rollKept(DieBuffer dice) {
    int face = rollClamped();
    if (mods.reroll.length == 0) return face;
    boolean once = mods.rerollOnce;
    while (mods.rerolls(face)) {
      dice.add(face, REROLLED | clampMark);
      ctx.reserveDice(1, position);
      face = rollClamped();
      if (once) break;
    }
    return face;
  }

  /** Rolls one face and applies min/max, remembering in {@link #clampMark} whether they changed it. */
  private int rollClamped() {
    int raw = faces.roll(random);
    int face = mods.clamp(raw);
    clampMark = face > raw ? CLAMPED_MIN : face < raw ? CLAMPED_MAX : 0;
    return face;
  }

  /** Rerolls duplicates (of faces the unique compare point covers) until unique, or once for uo. */
  private void makeUnique(DieBuffer dice) {
    DieBuffer out = new DieBuffer(dice.size + 4);
    java.util.BitSet seen = new java.util.BitSet();
    for (int i = 0; i < dice.size; i++) {
      int value = dice.values[i];
      int marks = dice.marks[i];
      if ((marks & REROLLED) != 0 || !coveredByUnique(value)) {
        out.add(value, marks);
        continue;
      }
      while (seen.get(value + 2)) {
        out.add(value, marks | REROLLED);
        ctx.reserveDice(1, position);
        int face = rollClamped();
        value = face;
        marks = marksOf(face);
        if (mods.uniqueOnce) break;
      }
      seen.set(value + 2);
      out.add(value, marks);
    }
    dice.values = out.values;
    dice.marks = out.marks;
    dice.size = out.size;
  }

  private boolean coveredByUnique(int value) {
    return mods.uniqueOn == null || mods.uniqueOn.matches(value);
  }

  /** Display marks of the die just rolled, showing {@code face} before any penetration. */
  private int marksOf(int face) {
    return crit(face) | clampMark;
  }

  private int crit(int face) {
    int m = 0;
    if (mods.critSuccess != null ? mods.critSuccess.matches(face) : face == faces.max() && faces.sides() > 1) {
      m |= CRITICAL_SUCCESS;
    }
    if (mods.critFailure != null ? mods.critFailure.matches(face) : face == faces.min() && faces.sides() > 1) {
      m |= CRITICAL_FAILURE;
    }
    return m;
  }
}
