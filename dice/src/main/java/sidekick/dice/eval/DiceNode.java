package sidekick.dice.eval;

import java.util.List;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Marks;
import sidekick.dice.render.Style;

/** A dice term: {@code 4d6kh3}, {@code d%}, {@code 3dF}, {@code (1d4)d6}, {@code 3d(2+4)!}. */
public final class DiceNode extends Node {
  private final int count; // when countExpr is null
  private final Node countExpr;
  private final Faces faces; // when sidesExpr is null
  private final Node sidesExpr;
  private final int sidesPosition;
  /**
   * The term as written, read only when it is shown: {@code [countStart, countEnd)} the count ("" when
   * countExpr is set), {@code [countEnd, sidesEnd)} the letter and sides ("d6", "D%", "dF.1"; just
   * the letter when sidesExpr is set), {@code [sidesEnd, modsEnd)} the modifiers. Usually the parsed
   * operand's own text, or the text of the run of operands it stands in (with what follows it), so
   * building a term cuts no substrings.
   */
  private final String written;
  private final int countStart;
  private final int countEnd;
  private final int sidesEnd;
  private final int modsEnd;
  private final DiceMods mods;

  /** See {@link #written} for {@code written} and the four offsets into it. */
  public DiceNode(
      int position,
      int count,
      Node countExpr,
      Faces faces,
      Node sidesExpr,
      int sidesPosition,
      String written,
      int countStart,
      int countEnd,
      int sidesEnd,
      int modsEnd,
      DiceMods mods) {
    super(position);
    this.count = count;
    this.countExpr = countExpr;
    this.faces = faces;
    this.sidesExpr = sidesExpr;
    this.sidesPosition = sidesPosition;
    this.written = written;
    this.countStart = countStart;
    this.countEnd = countEnd;
    this.sidesEnd = sidesEnd;
    this.modsEnd = modsEnd;
    this.mods = mods;
  }

  public int count() {
    return count;
  }

  public Node countExpr() {
    return countExpr;
  }

  public Faces faces() {
    return faces;
  }

  public Node sidesExpr() {
    return sidesExpr;
  }

  public int sidesPosition() {
    return sidesPosition;
  }

  public DiceMods mods() {
    return mods;
  }

  @Override
  public boolean hasRealDie() {
    return sidesExpr != null || faces.fudge() || faces.sides() >= 2
        || (countExpr != null && countExpr.hasRealDie());
  }

  @Override
  public Outcome eval(RollContext ctx) {
    Outcome countOut = null;
    Outcome sidesOut = null;
    long n = count;
    if (countExpr != null) {
      countOut = countExpr.eval(ctx);
      n = Values.diceCount(countOut.value(), ctx.limits.maxDice(), position());
    }
    Faces f = faces;
    if (sidesExpr != null) {
      sidesOut = sidesExpr.eval(ctx);
      f = Faces.numbered(Values.sides(sidesOut.value(), ctx.limits.maxSides(), sidesPosition));
      mods.checkCanStop(f, n, position());
    }
    DieBuffer dice = new DiceRoller(f, mods, ctx, position()).roll((int) n);
    double value;
    if (mods.keepDrop.length == 0 && !mods.countsSuccesses() && mods.sort == DiceMods.Sort.NONE) {
      long sum = 0;
      for (int i = 0; i < dice.size; i++) if ((dice.marks[i] & Marks.NOT_COUNTED) == 0) sum += dice.values[i];
      value = sum;
    } else {
      double[] values = new double[dice.size];
      for (int i = 0; i < dice.size; i++) values[i] = dice.values[i];
      value = Tally.apply(values, dice.marks, dice.size, mods);
      Tally.sort(dice, mods.sort);
    }
    return new DiceOutcome(countOut, sidesOut, f, dice, value);
  }

  /** The rolled dice of one term. */
  private final class DiceOutcome extends Outcome {
    private final Outcome countOut;
    private final Outcome sidesOut;
    private final Faces rolledFaces;
    private final DieBuffer dice;
    private double value;

    DiceOutcome(Outcome countOut, Outcome sidesOut, Faces rolledFaces, DieBuffer dice, double value) {
      this.countOut = countOut;
      this.sidesOut = sidesOut;
      this.rolledFaces = rolledFaces;
      this.dice = dice;
      this.value = value;
    }

    @Override
    public double value() {
      return value;
    }

    @Override
    public void render(StringBuilder out, Style style) {
      if (countOut == null && sidesOut == null) {
        out.append(written, countStart, modsEnd); // the term as written, in one copy
      } else {
        if (countOut != null) countOut.render(out, style);
        else out.append(written, countStart, countEnd);
        out.append(written, countEnd, sidesEnd);
        if (sidesOut != null) sidesOut.render(out, style);
        out.append(written, sidesEnd, modsEnd);
      }
      out.append(' ').append('('); // chars: a string append copies through a call of its own
      for (int i = 0; i < dice.size; i++) {
        if (i > 0) out.append(',').append(' ');
        style.die(out, dice.values[i], dice.marks[i]);
      }
      out.append(')');
    }

    @Override
    void collectKeepable(List<KeepableDie> into) {
      for (int i = 0; i < dice.size; i++) into.add(new KeepableDie(dice, i));
    }

    /** The total without the dice a surrounding group dropped; they now show struck through. */
    @Override
    double revalue() {
      value = Tally.recount(dice, mods);
      return value;
    }

    @Override
    public void collectDice(List<DieRoll> into) {
      if (countOut != null) countOut.collectDice(into);
      if (sidesOut != null) sidesOut.collectDice(into);
      for (int i = 0; i < dice.size; i++) {
        into.add(new DieRoll(rolledFaces.sides(), dice.values[i], Marks.toSet(dice.marks[i])));
      }
    }
  }
}
