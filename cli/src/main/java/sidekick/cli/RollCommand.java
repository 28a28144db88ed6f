package sidekick.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import sidekick.dice.DiceExpression;
import sidekick.dice.RandomSource;
import sidekick.dice.RollResult;
import sidekick.dice.SavedRolls;

/** {@code sidekick roll [--json] [--seed N] [--repeat K] EXPR}: roll one dice expression. */
@Command(
    name = "roll",
    mixinStandardHelpOptions = true,
    description = {
      "Roll one dice expression (the whole argument must be one expression).",
      "Examples: 4d6kh3   1d20+5 # attack   10d10!>8   {4d6, 3d8}kh1   repeat(4d6kh3, 6)"
    })
final class RollCommand implements Callable<Integer> {
  /** Most totals one run may print (statistics, not chat). */
  static final int MAX_REPEAT = 1_000_000;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object: {\"expr\", \"total\", \"text\"} (or \"totals\" with --repeat).")
  boolean json;

  @Option(names = "--seed", paramLabel = "N", description = "Seed the generator: the same seed gives the same rolls.")
  Long seed;

  @Option(names = "--repeat", paramLabel = "K", defaultValue = "1", description = "Roll K times (1..1000000) and print only the totals.")
  int repeat;

  @Parameters(arity = "1..*", paramLabel = "EXPR", description = "The expression; several words are joined with spaces.")
  List<String> words;

  @Override
  public Integer call() throws IOException {
    String expr = String.join(" ", words);
    PrintWriter out = spec.commandLine().getOut();
    if (repeat < 1 || repeat > MAX_REPEAT) {
      throw new UserInputException("--repeat must be between 1 and " + MAX_REPEAT + ", not " + repeat);
    }
    Dice dice = new Dice();
    try {
      DiceExpression parsed = dice.parse(expr);
      RandomSource fixed = seed == null ? null : RandomSource.seeded(seed);
      if (repeat > 1 || spec.commandLine().getParseResult().hasMatchedOption("--repeat")) {
        printTotals(out, expr, parsed, fixed);
      } else {
        RollResult r = parsed.roll(fixed != null ? fixed : RandomSource.perRoll(), SavedRolls.NONE);
        if (json) {
          try (JsonGenerator g = DiceJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("expr", expr);
            DiceJson.writeNumberField(g, "total", r.totalNumber());
            g.writeStringField("text", r.markdown());
            g.writeEndObject();
          }
          out.println();
        } else {
          out.println(r.plain());
        }
      }
      out.flush();
      return Main.EXIT_OK;
    } catch (DiceException e) {
      return DiceJson.reportError(spec, json, expr, e);
    }
  }

  private void printTotals(PrintWriter out, String expr, DiceExpression parsed, RandomSource fixed) throws IOException {
    if (json) {
      try (JsonGenerator g = DiceJson.generator(out)) {
        g.writeStartObject();
        g.writeStringField("expr", expr);
        g.writeArrayFieldStart("totals");
        for (int i = 0; i < repeat; i++) DiceJson.writeNumber(g, roll(parsed, fixed).totalNumber());
        g.writeEndArray();
        g.writeEndObject();
      }
      out.println();
    } else {
      for (int i = 0; i < repeat; i++) out.println(roll(parsed, fixed).totalText());
    }
  }

  private static RollResult roll(DiceExpression parsed, RandomSource fixed) {
    return parsed.roll(fixed != null ? fixed : RandomSource.perRoll(), SavedRolls.NONE);
  }

  /** JSON writing and error reporting shared by roll, inline and stats. */
  static final class DiceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DiceJson() {}

    static JsonGenerator generator(PrintWriter out) throws IOException {
      return MAPPER.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    static void writeNumber(JsonGenerator g, Number n) throws IOException {
      if (n instanceof Long) g.writeNumber(n.longValue());
      else g.writeNumber(n.doubleValue());
    }

    static void writeNumberField(JsonGenerator g, String name, Number n) throws IOException {
      g.writeFieldName(name);
      writeNumber(g, n);
    }

    /**
     * Exit 2 with {@code {"error", "position"}} on stdout (JSON), or the message and a caret under
     * the expression on stderr.
     */
    static int reportError(CommandSpec spec, boolean json, String expr, DiceException e) throws IOException {
      if (json) {
        PrintWriter out = spec.commandLine().getOut();
        try (JsonGenerator g = generator(out)) {
          g.writeStartObject();
          g.writeStringField("error", e.getMessage());
          if (e.hasPosition()) g.writeNumberField("position", e.position());
          g.writeEndObject();
        }
        out.println();
        out.flush();
      } else {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + e.getMessage());
        if (e.hasPosition() && expr.indexOf('\n') < 0 && expr.length() <= 200) {
          err.println("  " + expr);
          err.println("  " + " ".repeat(Math.min(e.position(), expr.length())) + "^");
        }
        err.flush();
      }
      return Main.EXIT_BAD_INPUT;
    }
  }
}
