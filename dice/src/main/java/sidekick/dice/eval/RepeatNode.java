package sidekick.dice.eval;

import java.util.List;
import sidekick.dice.DiceException;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Style;

/**
 * {@code repeat(expr, n[, mode])}: rolls {@code expr} n times; its value is the sum. The mode says
 * how it is shown: {@code full} (default, one line per roll), {@code short} (one line, the dice
 * and totals), {@code brief} (one line, totals only), {@code list} (one total per line), {@code
 * sum} and {@code short sum} (like full and short, then the sum).
 */
public final class RepeatNode extends Node {
  public enum Mode {
    FULL("full"), SHORT("short"), BRIEF("brief"), LIST("list"), SUM("sum"), SHORT_SUM("short sum");

    public final String spelling;

    Mode(String spelling) {
      this.spelling = spelling;
    }

    public static Mode bySpelling(String words) {
      String norm = words.trim().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
      for (Mode m : values()) if (m.spelling.equals(norm)) return m;
      return null;
    }
  }

  private final Node body;
  private final Node times;
  private final Mode mode;

  public RepeatNode(int position, Node body, Node times, Mode mode) {
    super(position);
    this.body = body;
    this.times = times;
    this.mode = mode;
  }

  public Node body() {
    return body;
  }

  public Node times() {
    return times;
  }

  @Override
  public boolean hasRealDie() {
    return body.hasRealDie() || times.hasRealDie();
  }

  /** The repeat count, checked against {@link sidekick.dice.DiceLimits#maxRepeat()}. */
  public static int count(double v, int maxRepeat, int position) {
    long n = Values.wholeCount(v, "the repeat count", position);
    if (n < 1) throw new DiceException("repeat at least once (the count is " + n + ")", position);
    if (n > maxRepeat) throw new DiceException("repeat at most " + maxRepeat + " times, not " + n, position);
    return (int) n;
  }

  @Override
  public Outcome eval(RollContext ctx) {
    Outcome timesOut = times.eval(ctx);
    int n = count(timesOut.value(), ctx.limits.maxRepeat(), times.position());
    Outcome[] outs = new Outcome[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      outs[i] = body.eval(ctx);
      sum += outs[i].value();
    }
    double value = Values.finite(sum, position());
    return new Outcome() {
      @Override
      public double value() {
        return value;
      }

      @Override
      public boolean showsOwnTotal() {
        return mode != Mode.SUM && mode != Mode.SHORT_SUM;
      }

      @Override
      public void render(StringBuilder out, Style style) {
        for (int i = 0; i < n; i++) {
          Outcome o = outs[i];
          switch (mode) {
            case FULL:
            case SUM:
              if (i > 0) out.append('\n');
              o.render(out, style);
              out.append(" = ");
              style.total(out, o.value());
              break;
            case SHORT:
            case SHORT_SUM:
              if (i > 0) out.append("; ");
              shortForm(out, style, o);
              break;
            case BRIEF:
              if (i > 0) out.append(", ");
              style.total(out, o.value());
              break;
            default: // LIST
              if (i > 0) out.append('\n');
              style.total(out, o.value());
          }
        }
        if (mode == Mode.SUM) out.append("\nSum");
        if (mode == Mode.SHORT_SUM) out.append("; sum");
      }

      @Override
      public void collectDice(List<DieRoll> into) {
        for (Outcome o : outs) o.collectDice(into);
      }

      @Override
      void collectKeepable(List<KeepableDie> into) {
        for (Outcome o : outs) o.collectKeepable(into);
      }

      @Override
      double revalue() {
        double sum = 0;
        for (Outcome o : outs) sum += o.revalue();
        return Values.finite(sum, position());
      }
    };
  }

  /** The dice faces of one roll, then its total: {@code 4, 2, 6 → 12}. */
  private static void shortForm(StringBuilder out, Style style, Outcome o) {
    List<DieRoll> dice = o.dice();
    for (int i = 0; i < dice.size(); i++) {
      if (i > 0) out.append(", ");
      DieRoll d = dice.get(i);
      style.die(out, d.value(), sidekick.dice.render.Marks.fromSet(d.marks()));
    }
    out.append(dice.isEmpty() ? "" : " → ");
    style.total(out, o.value());
  }
}
