package sidekick.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlugCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES = Path.of("..", "plugs", "examples");
  private static final Path TEST_MODULES = Path.of("..", "plugs", "src", "test", "resources", "wasm");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void runPrintsTheReplyOfAPlugAsJson() throws Exception {
    int code = run("plug", "run", EXAMPLES.resolve("c/greet.wasm").toString(), "--text", "/hello", "--user-name", "Grog", "--json");
    assertThat(code).as(err.toString()).isZero();
    JsonNode o = JSON.readTree(out.toString());
    assertThat(o.get("reply").asText()).isEqualTo("Hello, Grog!");
    assertThat(o.get("runs").get(0).get("action").asText()).isEqualTo("reply");
  }

  @Test
  void runChainsSeveralPlugsAndUsesTheLocalRollStandIn() throws Exception {
    int code = run("plug", "run", EXAMPLES.resolve("assemblyscript/dice-words.wasm").toString(),
        EXAMPLES.resolve("c/attack.wasm").toString(), "--text", "/r stats", "--roll-total", "14");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("reply (01-dice-words.wasm): Stats: 4d6kh3 = `14`");
  }

  @Test
  void runShowsRewrittenSegmentsAndPlugLogs() {
    int code = run("plug", "run", EXAMPLES.resolve("c/attack.wasm").toString(), "--text", "/attack 1d20 for 1d8");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("reply (01-attack.wasm): Tester attacks: 1d20 = `10` to hit, 1d8 = `10` damage");
    assertThat(err.toString()).contains("[01-attack.wasm] WARN rolled 1d20");
  }

  @Test
  void aFaultingPlugExitsOneAndARefusedModuleExitsTwo(@TempDir Path tmp) throws Exception {
    assertThat(run("plug", "run", TEST_MODULES.resolve("trap.wasm").toString())).isEqualTo(Main.EXIT_FAILURE);
    assertThat(out.toString()).contains("trap (");

    Path notWasm = tmp.resolve("x.wasm");
    Files.writeString(notWasm, "hello");
    assertThat(run("plug", "run", notWasm.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("not a WebAssembly module");
    assertThat(run("plug", "run", TEST_MODULES.resolve("forbidden-import.wasm").toString())).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("env.system");
    assertThat(run("plug", "run", tmp.resolve("missing.wasm").toString())).isEqualTo(Main.EXIT_BAD_INPUT);
  }

  @Test
  void newScaffoldsEachLanguageWithATestInput(@TempDir Path tmp) throws Exception {
    for (String lang : new String[] {"c", "assemblyscript", "wat"}) {
      String name = "dice-" + lang.charAt(0);
      assertThat(run("plug", "new", name, "--lang", lang, "--dir", tmp.toString())).as(err.toString()).isZero();
      Path dir = tmp.resolve(name);
      JsonNode input = JSON.readTree(dir.resolve("test-input.json").toFile());
      assertThat(input.get("v").asInt()).isEqualTo(1);
      assertThat(input.get("text").asText()).isEqualTo("/" + name + " hello");
      assertThat(dir.resolve("README.md")).content().contains("sidekick plug run " + name + ".wasm");
    }
    assertThat(tmp.resolve("dice-c/dice-c.c")).content().contains("/dice-c").doesNotContain("__NAME__");
    assertThat(tmp.resolve("dice-c/sidekick_pdk.h")).exists();
    assertThat(tmp.resolve("dice-c/build.sh")).isExecutable();
    assertThat(tmp.resolve("dice-a/package.json")).content().contains("@extism/as-pdk");
    assertThat(tmp.resolve("dice-a/.gitignore")).exists();
    assertThat(tmp.resolve("dice-w/dice-w.wat")).content().doesNotContain("__");

    assertThat(run("plug", "new", "dice-c", "--dir", tmp.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(run("plug", "new", "Bad Name", "--dir", tmp.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(run("plug", "new", "x", "--lang", "cobol", "--dir", tmp.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
  }

  /** Where the toolchains are installed (plugs/examples/build.sh lists them), the scaffolds build and run. */
  @Test
  void scaffoldedWatAndCPlugsBuildAndAnswerTheirTestInput(@TempDir Path tmp) throws Exception {
    assumeTrue(onPath("wat2wasm") && onPath("clang"), "wat2wasm and clang not installed");
    for (String lang : new String[] {"wat", "c"}) {
      String name = "echo-" + lang;
      assertThat(run("plug", "new", name, "--lang", lang, "--dir", tmp.toString())).isZero();
      Process p = new ProcessBuilder("bash", tmp.resolve(name).resolve("build.sh").toString()).inheritIO().start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      out.getBuffer().setLength(0);
      int code = run("plug", "run", tmp.resolve(name).resolve(name + ".wasm").toString(),
          "--input", tmp.resolve(name).resolve("test-input.json").toString(), "--json");
      assertThat(code).as(err.toString()).isZero();
      String reply = JSON.readTree(out.toString()).get("reply").asText();
      assertThat(reply).isEqualTo(lang.equals("wat") ? name + " was called" : name + " heard: hello");
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return false;
  }
}
