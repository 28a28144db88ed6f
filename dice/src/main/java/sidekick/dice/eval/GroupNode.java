package sidekick.dice.eval;

import java.util.ArrayList;
import java.util.List;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Marks;
import sidekick.dice.render.Style;

/**
 * A group {@code {4d6, 3d8}kh1}. With several members, keep/drop and success counting act on the
 * members' totals. With a single member, keep/drop acts on its individual dice, as Roll20 and
 * rpg-dice-roller do: {@code {4d6+3d8}k4} keeps the highest 4 of the 7 dice and the member is
 * worked out again without the dropped ones; success counting still looks at the member's total.
 * Without modifiers the group is the sum of its members.
 */
public final class GroupNode extends Node {
  private final Node[] members;
  private final DiceMods mods;
  private final String modsText;

  public GroupNode(int position, List<Node> members, DiceMods mods, String modsText) {
    super(position);
    this.members = members.toArray(new Node[0]);
    this.mods = mods;
    this.modsText = modsText;
  }

  public List<Node> members() {
    return List.of(members);
  }

  public DiceMods mods() {
    return mods;
  }

  /** True when keep/drop picks individual dice (one member) rather than member totals. */
  public boolean keepsDice() {
    return members.length == 1 && mods.keepDrop.length > 0;
  }

  @Override
  public boolean hasRealDie() {
    for (Node m : members) if (m.hasRealDie()) return true;
    return false;
  }

  @Override
  public Outcome eval(RollContext ctx) {
    int n = members.length;
    Outcome[] outs = new Outcome[n];
    double[] values = new double[n];
    int[] marks = new int[n];
    for (int i = 0; i < n; i++) {
      outs[i] = members[i].eval(ctx);
      values[i] = outs[i].value();
    }
    boolean keepsDice = keepsDice();
    if (keepsDice) values[0] = dropDice(outs[0]);
    if (n == 1 && mods.sort != DiceMods.Sort.NONE) sortDice(outs[0]);
    double value = keepsDice ? Tally.count(values, marks, n, mods) : Tally.apply(values, marks, n, mods);
    double[] shown = values.clone();
    int[] shownMarks = marks.clone();
    Tally.sort(shown, shownMarks, n, mods.sort);
    // a lone member's total says nothing new unless it was counted as a success or failure
    boolean showItems = !mods.isEmpty() && !(n == 1 && !mods.countsSuccesses());
    return new GroupOutcome(outs, value, shown, shownMarks, showItems);
  }

  /** Keep/drop over the member's dice, in rolling order; returns the member's value without the dropped. */
  private double dropDice(Outcome member) {
    List<KeepableDie> dice = new ArrayList<>();
    member.collectKeepable(dice);
    int size = dice.size();
    double[] values = new double[size];
    int[] marks = new int[size];
    for (int i = 0; i < size; i++) {
      values[i] = dice.get(i).value();
      marks[i] = dice.get(i).marks();
    }
    for (KeepDrop kd : mods.keepDrop) kd.apply(values, marks, size, Marks.NOT_COUNTED, Marks.DROPPED);
    for (int i = 0; i < size; i++) dice.get(i).mark(marks[i] & Marks.DROPPED);
    return Values.finite(member.revalue(), position());
  }

  /** A lone member's dice are sorted for display, term by term ({@code {4d6+4}s}: 1, 3, 4, 5 + 4). */
  private void sortDice(Outcome member) {
    List<KeepableDie> dice = new ArrayList<>();
    member.collectKeepable(dice);
    java.util.Set<DieBuffer> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (KeepableDie d : dice) if (seen.add(d.buffer())) Tally.sort(d.buffer(), mods.sort);
  }

  private final class GroupOutcome extends Outcome {
    private final Outcome[] outs;
    private final double value;
    private final double[] shown;
    private final int[] shownMarks;
    private final boolean showItems;

    GroupOutcome(Outcome[] outs, double value, double[] shown, int[] shownMarks, boolean showItems) {
      this.outs = outs;
      this.value = value;
      this.shown = shown;
      this.shownMarks = shownMarks;
      this.showItems = showItems;
    }

    @Override
    public double value() {
      return value;
    }

    @Override
    public void render(StringBuilder out, Style style) {
      out.append('{');
      for (int i = 0; i < outs.length; i++) {
        if (i > 0) out.append(", ");
        outs[i].render(out, style);
      }
      out.append('}').append(modsText);
      if (showItems) {
        out.append(" (");
        for (int i = 0; i < shown.length; i++) {
          if (i > 0) out.append(", ");
          style.item(out, shown[i], shownMarks[i]);
        }
        out.append(')');
      }
    }

    @Override
    public void collectDice(List<DieRoll> into) {
      for (Outcome o : outs) o.collectDice(into);
    }

    /** A group without modifiers is a plain sum, open to an outer group; one with modifiers is not. */
    @Override
    void collectKeepable(List<KeepableDie> into) {
      if (mods.isEmpty()) for (Outcome o : outs) o.collectKeepable(into);
    }

    @Override
    double revalue() {
      if (!mods.isEmpty()) return value;
      double sum = 0;
      for (Outcome o : outs) sum += o.revalue();
      return sum;
    }
  }
}
