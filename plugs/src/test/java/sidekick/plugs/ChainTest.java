package sidekick.plugs;

import static org.assertj.core.api.Assertions.assertThat;
import static sidekick.plugs.TestPlugs.command;
import static sidekick.plugs.TestPlugs.example;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChainTest {
  private final PlugRuntime runtime = PlugRuntime.create(TestPlugs.RELAXED, PlugHost.NONE, null);

  @AfterEach
  void close() {
    runtime.close();
  }

  private PlugModule load(byte[] wasm) {
    return runtime.load(wasm).join();
  }

  @Test
  void watExampleRepliesToItsCommandAndPassesOthers() {
    ChannelPlugs ch = runtime.channel("c1");
    ch.install("shout", load(example("wat/shout.wasm")));

    ChainResult r = ch.run(command("/shout hello there")).join();
    assertThat(r.isReply()).isTrue();
    assertThat(r.reply()).isEqualTo("HELLO THERE!");
    assertThat(r.replyBy()).isEqualTo("shout");

    ChainResult other = ch.run(command("I swing for 2d6+3")).join();
    assertThat(other.isReply()).isFalse();
    assertThat(other.text()).isEqualTo("I swing for 2d6+3");
    assertThat(other.runs()).extracting(PlugRun::action).containsExactly(PlugRun.Action.PASS);
  }

  @Test
  void rewriteIsSeenByTheNextPlugInNameOrderAndReplyStopsTheChain() {
    ChannelPlugs ch = runtime.channel("c1");
    TestPlugs.installReplying(runtime, ch, "20-reply", ("{\"action\":\"reply\",\"text\":\"done\"}"));
    TestPlugs.installReplying(runtime, ch, "10-rewrite", (
        "{\"action\":\"rewrite\",\"segments\":[{\"text\":\"Attack: \",\"final\":false},{\"text\":\"**17**\",\"final\":true}]}"));
    TestPlugs.installReplying(runtime, ch, "30-never", ("{\"action\":\"reply\",\"text\":\"not me\"}"));

    ChainResult r = ch.run(command("/r attack")).join();
    assertThat(r.reply()).isEqualTo("done");
    assertThat(r.runs()).extracting(PlugRun::plug).containsExactly("10-rewrite", "20-reply");
    assertThat(r.segments()).containsExactly(Segment.open("Attack: "), Segment.fixed("**17**"));
  }

  @Test
  void rewriteWithoutReplyLeavesSegmentsForStandardProcessing() {
    ChannelPlugs ch = runtime.channel("c1");
    TestPlugs.installReplying(runtime, ch, "a", (
        "{\"action\":\"rewrite\",\"segments\":[{\"text\":\"1d20+5\",\"final\":false},{\"text\":\" (hit)\",\"final\":true}]}"));
    ChainResult r = ch.run(command("/r attack")).join();
    assertThat(r.runs()).extracting(PlugRun::fault).containsOnlyNulls();
    assertThat(r.isReply()).isFalse();
    assertThat(r.segments()).containsExactly(Segment.open("1d20+5"), Segment.fixed(" (hit)"));
  }

  @Test
  void aLaterPlugRewritingAFinalSegmentIsABadOutputAndIgnored() {
    ChannelPlugs ch = runtime.channel("c1");
    TestPlugs.installReplying(runtime, ch, "1-fix", (
        "{\"action\":\"rewrite\",\"segments\":[{\"text\":\"kept\",\"final\":true},{\"text\":\" rest\",\"final\":false}]}"));
    TestPlugs.installReplying(runtime, ch, "2-tamper", (
        "{\"action\":\"rewrite\",\"segments\":[{\"text\":\"changed\",\"final\":true}]}"));
    TestPlugs.installReplying(runtime, ch, "3-add", (
        "{\"action\":\"rewrite\",\"segments\":[{\"text\":\"kept\",\"final\":true},{\"text\":\" more\",\"final\":true}]}"));

    ChainResult r = ch.run(command("x")).join();
    assertThat(r.segments()).containsExactly(Segment.fixed("kept"), Segment.fixed(" more"));
    assertThat(r.runs()).extracting(PlugRun::fault).containsExactly(null, FaultKind.BAD_OUTPUT, null);
    assertThat(ch.get("2-tamper").orElseThrow().metrics().errorsByKind())
        .containsEntry(FaultKind.BAD_OUTPUT, 1L);
  }

  @Test
  void outputsOutsideTheAbiAreBadOutputs() {
    ChannelPlugs ch = runtime.channel("c1");
    for (String bad : List.of("not json", "[1]", "{\"action\":\"dance\"}", "{\"action\":\"reply\"}",
        "{\"action\":\"rewrite\",\"segments\":[{\"final\":true}]}")) {
      TestPlugs.installReplying(runtime, ch, "bad", (bad));
      ChainResult r = ch.run(command("x")).join();
      assertThat(r.runs()).as(bad).extracting(PlugRun::fault).containsExactly(FaultKind.BAD_OUTPUT);
      assertThat(r.text()).isEqualTo("x");
    }
    TestPlugs.installReplying(runtime, ch, "pass", ("{\"action\":\"pass\"}"));
    ch.remove("bad");
    assertThat(ch.run(command("x")).join().runs()).extracting(PlugRun::action).containsExactly(PlugRun.Action.PASS);
  }
}
