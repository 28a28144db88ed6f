package sidekick.dice.eval;

import java.util.List;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Style;

/**
 * A group {@code {4d6, 3d8}kh1}: each member is an expression; keep/drop and success counting act
 * on the members' totals; without modifiers the group is the sum of its members.
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
    double value = Tally.apply(values, marks, n, mods);
    double[] shown = values.clone();
    int[] shownMarks = marks.clone();
    Tally.sort(shown, shownMarks, n, mods.sort);
    boolean showItems = !mods.isEmpty();
    return new Outcome() {
      @Override
      public double value() {
        return value;
      }

      @Override
      public void render(StringBuilder out, Style style) {
        out.append('{');
        for (int i = 0; i < n; i++) {
          if (i > 0) out.append(", ");
          outs[i].render(out, style);
        }
        out.append('}').append(modsText);
        if (showItems) {
          out.append(" (");
          for (int i = 0; i < n; i++) {
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
    };
  }
}
