package sidekick.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** roll, inline and stats through the real command line, checking the JSON shapes of the contract. */
class DiceCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      assertThat(out.strip().lines().count()).as("one JSON object on stdout").isEqualTo(1);
      return JSON.readTree(out);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void rollJson() throws Exception {
    Run r = run("roll", "--json", "--seed", "7", "4d6kh3");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("expr").asText()).isEqualTo("4d6kh3");
    assertThat(j.get("total").isIntegralNumber()).isTrue();
    assertThat(j.get("total").asInt()).isBetween(3, 18);
    assertThat(j.get("text").asText()).startsWith("4d6kh3 (").endsWith("= `" + j.get("total").asInt() + "`");
    assertThat(run("roll", "--json", "--seed", "7", "4d6kh3").out()).isEqualTo(r.out()); // seeded: reproducible
  }

  @Test
  void decimalTotalsAreDecimals() throws Exception {
    JsonNode j = run("roll", "--json", "15/2").json();
    assertThat(j.get("total").isFloatingPointNumber()).isTrue();
    assertThat(j.get("total").asDouble()).isEqualTo(7.5);
  }

  @Test
  void rollRepeat() throws Exception {
    JsonNode j = run("roll", "--json", "--seed", "1", "--repeat", "1000", "1d6").json();
    assertThat(j.get("expr").asText()).isEqualTo("1d6");
    assertThat(j.get("totals")).hasSize(1000);
    assertThat(j.get("totals")).allMatch(t -> t.asInt() >= 1 && t.asInt() <= 6);
    assertThat(run("roll", "--repeat", "0", "1d6").exit()).isEqualTo(2);
    assertThat(run("roll", "--repeat", "1000001", "1d6").exit()).isEqualTo(2);
  }

  @Test
  void rollErrors() throws Exception {
    Run r = run("roll", "--json", "2d6+");
    assertThat(r.exit()).isEqualTo(2);
    JsonNode j = r.json();
    assertThat(j.get("error").asText()).contains("expected");
    assertThat(j.get("position").asInt()).isEqualTo(4);
    Run plain = run("roll", "1d0");
    assertThat(plain.exit()).isEqualTo(2);
    assertThat(plain.out()).isEmpty();
    assertThat(plain.err()).contains("error: a die needs at least one side").contains("  1d0\n    ^");
    assertThat(run("roll", "--json", "$x").json().get("position").asInt()).isZero();
  }

  @Test
  void rollPlainAndJoinedWords() {
    Run r = run("roll", "--seed", "3", "1d20", "+", "5");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("1d20 (").contains(") + 5 = ");
  }

  @Test
  void inlineJson() throws Exception {
    Run r = run("inline", "--json", "--seed", "4", "I swing for 2d6+3 slashing");
    assertThat(r.exit()).isZero();
    JsonNode j = r.json();
    JsonNode roll = j.get("rolls").get(0);
    assertThat(roll.get("expr").asText()).isEqualTo("2d6+3");
    assertThat(roll.get("start").asInt()).isEqualTo(12);
    assertThat(roll.get("end").asInt()).isEqualTo(17);
    assertThat(roll.get("total").asInt()).isBetween(5, 15);
    assertThat(j.get("text").asText()).startsWith("I swing for 2d6 (").endsWith("= `" + roll.get("total").asInt() + "` slashing");
  }

  @Test
  void inlineWithoutRolls() throws Exception {
    Run r = run("inline", "--json", "hello there, room D1");
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("rolls")).isEmpty();
    assertThat(r.json().get("text").asText()).isEqualTo("hello there, room D1");
  }

  @Test
  void statsJson() throws Exception {
    JsonNode j = run("stats", "--json", "3d6").json();
    assertThat(j.get("expr").asText()).isEqualTo("3d6");
    assertThat(j.get("min").asInt()).isEqualTo(3);
    assertThat(j.get("max").asInt()).isEqualTo(18);
    assertThat(j.get("mean").asDouble()).isEqualTo(10.5);
    assertThat(j.get("stdev").asDouble()).isEqualTo(2.958);
    assertThat(j.get("exact").asBoolean()).isTrue();
    assertThat(j.get("pmf")).hasSize(16);
    assertThat(j.get("pmf").get(0).get(0).asInt()).isEqualTo(3);
    assertThat(j.get("pmf").get(0).get(1).asDouble()).isEqualTo(0.00462963);
  }

  @Test
  void statsExplodingIsNotExact() throws Exception {
    JsonNode j = run("stats", "--json", "10d10!>8").json();
    assertThat(j.get("exact").asBoolean()).isFalse();
    assertThat(j.get("mean").asDouble()).isEqualTo(68.75);
    Run bad = run("stats", "--json", "3d6!u"); // still refused: unique dice that also explode
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.json().get("error").asText()).contains("unique dice that also explode");
    assertThat(run("stats", "--json", "3d6u").json().get("min").asInt()).isEqualTo(6); // 1 + 2 + 3
    assertThat(run("stats", "--json", "1000d6").json().get("min").asInt()).isEqualTo(1000);
  }

  @Test
  void helpWorks() {
    for (String cmd : new String[] {"roll", "inline", "stats"}) {
      Run r = run(cmd, "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("Usage: sidekick " + cmd);
    }
  }
}
