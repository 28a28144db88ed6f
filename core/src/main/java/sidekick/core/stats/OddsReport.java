package sidekick.core.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sidekick.core.StatsResult;
import sidekick.core.command.Markdown;
import sidekick.core.util.Json;
import sidekick.dice.Distribution;
import sidekick.dice.render.Numbers;

/**
 * Exact odds of an expression, as JSON ({@code sidekick stats --json}) and as the short chat summary of
 * {@code /r stats}: range, mean and spread, the most likely totals, and a one-line histogram.
 */
public final class OddsReport {
  private static final String BARS = "▁▂▃▄▅▆▇█";
  /** Widest histogram shown in chat; wider distributions are grouped into this many bars. */
  public static final int MAX_BARS = 40;

  private OddsReport() {}

  public static StatsResult result(String expr, Distribution d) {
    List<StatsResult.Outcome> pmf = new ArrayList<>(d.size());
    ObjectNode json = Json.object();
    json.put("expr", expr);
    putNumber(json, "min", d.min());
    putNumber(json, "max", d.max());
    json.put("mean", d.reportedMean());
    json.put("stdev", d.reportedStdev());
    json.put("exact", d.exact());
    ArrayNode arr = json.putArray("pmf");
    for (int i = 0; i < d.size(); i++) {
      Number v = number(d.value(i));
      pmf.add(new StatsResult.Outcome(v, d.probability(i)));
      ArrayNode pair = arr.addArray();
      if (v instanceof Long l) pair.add(l);
      else pair.add(v.doubleValue());
      pair.add(d.reportedProbability(i));
    }
    return new StatsResult(expr, number(d.min()), number(d.max()), d.mean(), d.stdev(), d.exact(), pmf,
        Json.write(json));
  }

  /** The chat summary. */
  public static String summary(String expr, Distribution d) {
    StringBuilder sb = new StringBuilder();
    sb.append("**Odds of** ").append(Markdown.code(expr)).append(": ");
    sb.append(fmt(d.min())).append("–").append(fmt(d.max()));
    sb.append(", mean **").append(String.format(Locale.ROOT, "%.2f", d.mean())).append("**");
    sb.append(" (sd ").append(String.format(Locale.ROOT, "%.2f", d.stdev())).append(")");
    double best = 0;
    for (int i = 0; i < d.size(); i++) best = Math.max(best, d.probability(i));
    List<String> modes = new ArrayList<>();
    for (int i = 0; i < d.size() && modes.size() < 4; i++) {
      if (d.probability(i) >= best * (1 - 1e-9)) modes.add(fmt(d.value(i)));
    }
    sb.append(", most likely ").append(String.join(" or ", modes))
        .append(" (").append(percent(best)).append(modes.size() > 1 ? " each" : "").append(")");
    if (!d.exact()) sb.append(", cut off below 1e-9");
    if (d.size() > 1) sb.append("\n`").append(histogram(d)).append('`');
    return sb.toString();
  }

  private static String histogram(Distribution d) {
    int bars = Math.min(d.size(), MAX_BARS);
    double[] mass = new double[bars];
    for (int i = 0; i < d.size(); i++) mass[(int) ((long) i * bars / d.size())] += d.probability(i);
    double top = 0;
    for (double m : mass) top = Math.max(top, m);
    StringBuilder sb = new StringBuilder(bars);
    for (double m : mass) {
      int level = top == 0 ? 0 : (int) Math.round(m / top * (BARS.length() - 1));
      sb.append(BARS.charAt(level));
    }
    return sb.toString();
  }

  private static String percent(double p) {
    double pc = p * 100;
    return pc >= 10 ? String.format(Locale.ROOT, "%.1f%%", pc)
        : pc >= 0.1 ? String.format(Locale.ROOT, "%.2f%%", pc)
        : String.format(Locale.ROOT, "%.2g%%", pc);
  }

  private static String fmt(double v) {
    Number n = number(v);
    return n instanceof Long ? n.toString() : String.format(Locale.ROOT, "%.4g", v);
  }

  private static Number number(double v) {
    return Numbers.jsonNumber(v);
  }

  private static void putNumber(ObjectNode json, String field, double v) {
    Number n = number(v);
    if (n instanceof Long l) json.put(field, l);
    else json.put(field, v);
  }
}
