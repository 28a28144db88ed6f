package sidekick.dice.eval;

import java.util.List;
import sidekick.dice.DiceException;
import sidekick.dice.DieRoll;
import sidekick.dice.render.Style;

/** {@code floor ceil round abs sqrt} (one argument), {@code pow} (two), {@code min max} (one or more). */
public final class FunctionNode extends Node {
  public enum Fn {
    FLOOR(1, 1), CEIL(1, 1), ROUND(1, 1), ABS(1, 1), SQRT(1, 1), POW(2, 2), MIN(1, 64), MAX(1, 64);

    public final int minArgs;
    public final int maxArgs;

    Fn(int minArgs, int maxArgs) {
      this.minArgs = minArgs;
      this.maxArgs = maxArgs;
    }

    public static Fn byName(String name) {
      for (Fn f : values()) if (f.name().equalsIgnoreCase(name)) return f;
      return null;
    }
  }

  private final Fn fn;
  private final String name;
  private final Node[] args;

  public FunctionNode(int position, Fn fn, String name, List<Node> args) {
    super(position);
    if (args.size() < fn.minArgs || args.size() > fn.maxArgs) {
      String want = fn.minArgs == fn.maxArgs ? String.valueOf(fn.minArgs) : fn.minArgs + " or more";
      throw new DiceException(name + "() takes " + want + " argument" + (fn.maxArgs == 1 ? "" : "s") + ", not " + args.size(), position);
    }
    this.fn = fn;
    this.name = name;
    this.args = args.toArray(new Node[0]);
  }

  public Fn fn() {
    return fn;
  }

  public List<Node> args() {
    return List.of(args);
  }

  @Override
  public boolean hasRealDie() {
    for (Node a : args) if (a.hasRealDie()) return true;
    return false;
  }

  @Override
  public Outcome eval(RollContext ctx) {
    Outcome[] outs = new Outcome[args.length];
    double[] xs = new double[args.length];
    for (int i = 0; i < args.length; i++) {
      outs[i] = args[i].eval(ctx);
      xs[i] = outs[i].value();
    }
    double value = apply(fn, xs, position());
    return new Outcome() {
      @Override
      public double value() {
        return value;
      }

      @Override
      public void render(StringBuilder out, Style style) {
        out.append(name).append('(');
        for (int i = 0; i < outs.length; i++) {
          if (i > 0) out.append(", ");
          outs[i].render(out, style);
        }
        out.append(')');
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
        double[] again = new double[outs.length];
        for (int i = 0; i < outs.length; i++) again[i] = outs[i].revalue();
        return apply(fn, again, position());
      }
    };
  }

  /** The function itself, shared with the distribution builder. */
  public static double apply(Fn fn, double[] xs, int position) {
    switch (fn) {
      case FLOOR: return Math.floor(xs[0]);
      case CEIL: return Math.ceil(xs[0]);
      case ROUND: // half up: round(2.5) = 3, round(-2.5) = -2
        return Math.abs(xs[0]) < 4.5e15 ? (double) Math.round(xs[0]) : xs[0];
      case ABS: return Math.abs(xs[0]);
      case SQRT:
        if (xs[0] < 0) throw new DiceException("sqrt() of a negative number", position);
        return Math.sqrt(xs[0]);
      case POW: return Values.finite(Math.pow(xs[0], xs[1]), position);
      case MIN: {
        double m = xs[0];
        for (double x : xs) m = Math.min(m, x);
        return m;
      }
      default: {
        double m = xs[0];
        for (double x : xs) m = Math.max(m, x);
        return m;
      }
    }
  }
}
