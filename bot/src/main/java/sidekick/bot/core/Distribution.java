package sidekick.bot.core;

import java.util.List;

/** The exact distribution of a dice expression, as {@code sidekick stats --json} prints it. */
public record Distribution(
    String expr, double min, double max, double mean, double stdev, boolean exact, List<Point> pmf) {

  public Distribution {
    pmf = List.copyOf(pmf);
  }

  /** One outcome and its probability. */
  public record Point(double value, double probability) {}
}
