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
import sidekick.dice.InlineResult;
import sidekick.dice.InlineRoll;
import sidekick.dice.RandomSource;
import sidekick.dice.SavedRolls;

/** {@code sidekick inline [--json] [--seed N] TEXT}: find and roll every expression in chat text. */
@Command(
    name = "inline",
    mixinStandardHelpOptions = true,
    description = {
      "Find and roll every dice expression inside free chat text.",
      "Example: sidekick inline \"I swing for 2d6+3 slashing, [[1d4]] more if it bleeds\""
    })
final class InlineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print {\"text\", \"rolls\": [{\"expr\", \"start\", \"end\", \"total\"}]} (Markdown text).")
  boolean json;

  @Option(names = "--seed", paramLabel = "N", description = "Seed the generator: the same seed gives the same rolls.")
  Long seed;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The chat text; several words are joined with spaces.")
  List<String> words;

  @Override
  public Integer call() throws IOException {
    String text = String.join(" ", words);
    RandomSource random = seed == null ? RandomSource.perRoll() : RandomSource.seeded(seed);
    Dice dice = new Dice();
    PrintWriter out = spec.commandLine().getOut();
    if (!json) {
      out.println(dice.rollInlinePlain(text, random, SavedRolls.NONE).text());
      out.flush();
      return Main.EXIT_OK;
    }
    InlineResult result = dice.rollInline(text, random, SavedRolls.NONE);
    try (JsonGenerator g = RollCommand.DiceJson.generator(out)) {
      g.writeStartObject();
      g.writeStringField("text", result.text());
      g.writeArrayFieldStart("rolls");
      for (InlineRoll roll : result.rolls()) {
        g.writeStartObject();
        g.writeStringField("expr", roll.match().source());
        g.writeNumberField("start", roll.match().start());
        g.writeNumberField("end", roll.match().end());
        if (roll.ok()) {
          RollCommand.DiceJson.writeNumberField(g, "total", roll.result().totalNumber());
        } else {
          g.writeStringField("error", roll.error().getMessage());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.println();
    out.flush();
    return Main.EXIT_OK;
  }
}
