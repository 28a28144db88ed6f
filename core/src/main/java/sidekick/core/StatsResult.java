package sidekick.core;

import java.util.List;

/**
 * The exact distribution of a dice expression, as {@code sidekick stats --json} prints it. {@link #json()}
 * is that JSON object, ready to send.
 */
public record StatsResult(
    String expr, Number min, Number max, double mean, double stdev, boolean exact, List<Outcome> pmf, String json) {

  /** One possible total and its probability. */
  public record Outcome(Number value, double probability) {}
}
