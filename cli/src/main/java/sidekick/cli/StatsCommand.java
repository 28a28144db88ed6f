package sidekick.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sidekick.dice.Dice;
import sidekick.dice.DiceException;
import sidekick.dice.Distribution;

/** {@code sidekick stats [--json] EXPR}: the exact probability distribution of an expression. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Exact probability distribution of a dice expression (by convolution, not sampling).",
      "Unbounded mechanics such as exploding dice are cut off once less than 1e-9 of the",
      "probability is left; then \"exact\" is false."
    })
final class StatsCommand implements Callable<Integer> {
  /** Widest bar of the text histogram. */
  static final int BAR_WIDTH = 50;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print {\"expr\", \"min\", \"max\", \"mean\", \"stdev\", \"exact\", \"pmf\": [[value, p], ...]}.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "EXPR", description = "The expression; several words are joined with spaces.")
  List<String> words;

  @Override
  public Integer call() throws IOException {
    String expr = String.join(" ", words);
    Distribution d;
    try {
      d = new Dice().distribution(expr);
    } catch (DiceException e) {
      return RollCommand.DiceJson.reportError(spec, json, expr, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) writeJson(out, expr, d);
    else writeTable(out, expr, d);
    out.flush();
    return Main.EXIT_OK;
  }

  private static void writeJson(PrintWriter out, String expr, Distribution d) throws IOException {
    try (JsonGenerator g = RollCommand.DiceJson.generator(out)) {
      g.writeStartObject();
      g.writeStringField("expr", expr);
      RollCommand.DiceJson.writeNumberField(g, "min", whole(d.min()));
      RollCommand.DiceJson.writeNumberField(g, "max", whole(d.max()));
      g.writeNumberField("mean", d.reportedMean());
      g.writeNumberField("stdev", d.reportedStdev());
      g.writeBooleanField("exact", d.exact());
      g.writeArrayFieldStart("pmf");
      for (int i = 0; i < d.size(); i++) {
        g.writeStartArray();
        RollCommand.DiceJson.writeNumber(g, whole(d.value(i)));
        g.writeNumber(d.reportedProbability(i));
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.println();
  }

  private static void writeTable(PrintWriter out, String expr, Distribution d) {
    out.printf("%s: min %s, max %s, mean %s, stdev %s%s%n", expr, sidekick.dice.render.Numbers.format(d.min()),
        sidekick.dice.render.Numbers.format(d.max()), d.reportedMean(), d.reportedStdev(),
        d.exact() ? "" : " (cut off below 1e-9; mass left out " + String.format("%.1e", d.cutOffMass()) + ")");
    double top = 0;
    for (int i = 0; i < d.size(); i++) top = Math.max(top, d.probability(i));
    for (int i = 0; i < d.size(); i++) {
      double p = d.probability(i);
      if (p < 1e-6 && d.size() > 60) continue; // keep long exploding tails readable
      int bar = (int) Math.round(p / top * BAR_WIDTH);
      out.printf("%8s %9.5f%% %s%n", sidekick.dice.render.Numbers.format(d.value(i)), p * 100, "#".repeat(bar));
    }
  }

  private static Number whole(double v) {
    return sidekick.dice.render.Numbers.jsonNumber(v);
  }
}
