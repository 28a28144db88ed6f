package sidekick.plugs;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.plugs.TestPlugs.command;
import static sidekick.plugs.TestPlugs.example;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The committed example plugs (C with wasi-libc, AssemblyScript with the Extism PDK, WAT) run as documented. */
class ExamplePlugsTest {
  private final List<String> rolled = new CopyOnWriteArrayList<>();
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final PlugHost host = new PlugHost() {
    @Override
    public RollAnswer roll(PlugCallContext context, String expr) {
      rolled.add(expr);
      return expr.equals("bad") ? RollAnswer.error("not dice") : RollAnswer.ok(12, expr + " = `12`");
    }

    @Override
    public SavedRollAnswer savedRoll(PlugCallContext context, String name) {
      return SavedRollAnswer.error("none");
    }

    @Override
    public void log(PlugCallContext context, LogLevel level, String message) {
      logs.add(level + " " + message);
    }
  };
  private final PlugRuntime runtime = PlugRuntime.create(TestPlugs.RELAXED, host, null);

  @AfterEach
  void close() {
    runtime.close();
  }

  private ChannelPlugs install(String name, String path) {
    ChannelPlugs ch = runtime.channel(name);
    ch.install(name, runtime.load(example(path)).join());
    return ch;
  }

  @Test
  void cGreetRepliesWithTheUserName() {
    ChannelPlugs ch = install("greet", "c/greet.wasm");
    assertThat(ch.run(command("/hello")).join().reply()).isEqualTo("Hello, Grog!");
    ChainResult other = ch.run(command("/r 1d20")).join();
    assertThat(other.isReply()).isFalse();
    assertThat(other.runs().get(0).action()).isEqualTo(PlugRun.Action.PASS);
  }

  @Test
  void cAttackRollsThroughTheHostAndLogsOnStderr() {
    ChannelPlugs ch = install("attack", "c/attack.wasm");
    ChainResult r = ch.run(command("/attack 1d20+5 for 2d6+3")).join();
    assertThat(r.reply()).isEqualTo("Grog attacks: 1d20+5 = `12` to hit, 2d6+3 = `12` damage");
    assertThat(rolled).containsExactly("1d20+5", "2d6+3");
    assertThat(logs).contains("WARN rolled 1d20+5", "WARN rolled 2d6+3");

    PlugRun failed = ch.run(command("/attack bad")).join().runs().get(0);
    assertThat(failed.fault()).isEqualTo(FaultKind.PLUG_ERROR);
    assertThat(failed.message()).isEqualTo("could not roll that attack");
  }

  @Test
  void assemblyScriptRewritesWordsIntoDiceAndRepliesToStats() {
    ChannelPlugs ch = install("words", "assemblyscript/dice-words.wasm");
    ChainResult r = ch.run(command("/r adv+5 to hit, dis for luck")).join();
    assertThat(r.isReply()).isFalse();
    assertThat(r.segments()).containsExactly(Segment.open("2d20kh1+5 to hit, 2d20kl1 for luck"));

    ChainResult stats = ch.run(command("/r stats")).join();
    assertThat(stats.reply()).startsWith("Stats: 4d6kh3 = `12` 4d6kh3");
    assertThat(rolled).hasSize(6);
    // non-ASCII survives the round trip (UTF-8 output)
    assertThat(ch.run(command("/r adv épée")).join().segments()).containsExactly(Segment.open("2d20kh1 épée"));
  }

  @Test
  void describeExportsAreRead() {
    PlugModule greet = runtime.load(example("c/greet.wasm")).join();
    assertThat(runtime.describe(greet).join()).contains(new PlugDescription("greet", "1.0", "/hello: greets you"));
    PlugModule words = runtime.load(example("assemblyscript/dice-words.wasm")).join();
    assertThat(runtime.describe(words).join().orElseThrow().name()).isEqualTo("dice-words");
    PlugModule shout = runtime.load(example("wat/shout.wasm")).join();
    assertThat(runtime.describe(shout).join()).isEmpty();
  }

  @Test
  void chainOfExamplesInNameOrder() {
    ChannelPlugs ch = runtime.channel("mixed");
    ch.install("1-words", runtime.load(example("assemblyscript/dice-words.wasm")).join());
    ch.install("2-greet", runtime.load(example("c/greet.wasm")).join());
    ChainResult r = ch.run(command("/r adv")).join();
    assertThat(r.runs()).extracting(PlugRun::action).containsExactly(PlugRun.Action.REWRITE, PlugRun.Action.PASS);
    assertThat(r.text()).isEqualTo("2d20kh1");
  }
}
