package sidekick.core.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import sidekick.core.CommandReply;
import sidekick.core.CoreConfig;
import sidekick.core.CoreException;
import sidekick.core.Event;
import sidekick.core.PlugInfo;
import sidekick.core.PlugUpload;
import sidekick.core.RollResult;
import sidekick.core.util.Json;
import sidekick.plugs.PlugLimits;

class PlugsTest extends CoreTestBase {
  static final byte[] SHOUT = example("shout.wasm");
  static final byte[] PASS = example("pass.wasm");
  static final byte[] REWRITE = testModule("rewrite.wasm");

  @Override
  CoreConfig config() {
    // Relaxed call time: the shared test machine is slow; the limits themselves are the plugs module's tests.
    return CoreConfig.builder().randomSeed(7L).tokenPollInterval(Duration.ofMillis(50))
        .plugLimits(PlugLimits.builder().callTimeout(Duration.ofSeconds(2)).maxModuleBytes(64 * 1024).build())
        .build();
  }

  @Test
  void aPlugSwapChangesTheNextAnswerWithoutARestart() throws Exception {
    assertThat(say("/shout hello").reply()).isNull();
    assertThat(sayWithAttachment("/r plug add loud", SHOUT).reply()).startsWith("Installed plug **loud**");
    assertThat(say("/shout hello").reply()).isEqualTo("HELLO!");
    assertThat(sayWithAttachment("/r plug add loud", PASS).reply()).startsWith("Replaced plug **loud**");
    assertThat(say("/shout hello").reply()).isNull();
    assertThat(say("/r 1d1+1").rolls()).extracting(RollResult::total).containsExactly(2L);

    List<Event> added = events("c1").stream().filter(e -> e.type().equals("plug_added")).toList();
    assertThat(added).hasSize(2);
    JsonNode second = Json.read(added.get(1).json());
    assertThat(second.get("name").asText()).isEqualTo("loud");
    assertThat(second.get("hash").asText()).isEqualTo(sha256(PASS));
    assertThat(second.get("len").asLong()).isEqualTo(PASS.length);
    assertThat(second.get("user").asText()).isEqualTo("u1");
    assertThat(second.get("replaced").asBoolean()).isTrue();
  }

  @Test
  void nonFinalSegmentsGetSavedRollsAndDiceFinalOnesStay() {
    say("/r $sword = 1d8+3");
    sayWithAttachment("/r plug add 10-rewrite", REWRITE);
    CommandReply r = say("whatever I type");
    assertThat(r.reply()).matches("Attack: 1d6 \\((\\*\\*)?\\d(\\*\\*)?\\) \\+ 4 = `\\d+` and \\$sword \\(1d8 \\((\\*\\*)?\\d(\\*\\*)?\\) \\+ 3\\) = `\\d+`");
    assertThat(r.rolls()).extracting(RollResult::expr).containsExactly("1d6+4", "$sword");
    // Management commands never go through plugs, so a plug that eats everything can still be removed.
    assertThat(sayAsOwner("/r plug rm 10-rewrite").reply()).isEqualTo("Removed plug **10-rewrite**.");
    assertThat(say("whatever I type").reply()).isNull();
  }

  @Test
  void plugsSurviveARestart() {
    sayWithAttachment("/r plug add loud", SHOUT);
    reopen();
    assertThat(say("/shout again").reply()).isEqualTo("AGAIN!");
    assertThat(say("c2", "u1", "/shout again", false).reply()).isNull();
  }

  @Test
  void onlyPeopleWhoManageTheChannelMayUsePlugCommands() {
    CommandReply r = say("/r plug ls");
    assertThat(r.reply()).startsWith("Only people who can manage this channel");
    assertThat(say("/r plug rm x").reply()).startsWith("Only people who can manage");
    assertThat(core.handleCommand(shard, new sidekick.core.CommandRequest("c1", "s1", "u1", "Grog", "/r plug add x",
        false, new sidekick.core.Attachment("x.wasm", SHOUT))).reply()).startsWith("Only people who can manage");
    assertThat(core.listPlugs(admin, "c1")).isEmpty();
  }

  @Test
  void listAndStatsShowThePlugsWithUsage() throws Exception {
    sayWithAttachment("/r plug add loud", SHOUT);
    sayWithAttachment("/r plug add quiet", PASS);
    say("/shout one");
    say("/shout two");
    assertThat(sayAsOwner("/r plug ls").reply()).startsWith("**Plugs** (in the order they run):\n• **loud** ")
        .contains("• **quiet** ").contains("by u1");
    assertThat(sayAsOwner("/r plug stats").reply()).contains("**loud** 2 calls, 0 errors");
    List<PlugInfo> list = core.listPlugs(shard, "c1");
    assertThat(list).extracting(PlugInfo::name).containsExactly("loud", "quiet");
    PlugInfo loud = list.get(0);
    assertThat(loud.hash()).isEqualTo(sha256(SHOUT));
    assertThat(loud.len()).isEqualTo(SHOUT.length);
    assertThat(loud.uploadedBy()).isEqualTo("u1");
    assertThat(loud.uploadedAt()).isNotNull();
    assertThat(loud.calls()).isEqualTo(2);
    assertThat(loud.errors()).isZero();
    // "quiet" passed on both, so the shout plug (first by name) answered: quiet never ran.
    assertThat(list.get(1).calls()).isZero();
  }

  @Test
  void uploadsOverTheApiAreCheckedLikeInChat() throws Exception {
    PlugUpload up = core.putPlug(shard, "c1", "loud", "u1", SHOUT);
    assertThat(up.hash()).isEqualTo(sha256(SHOUT));
    assertThat(up.len()).isEqualTo(SHOUT.length);
    assertThat(up.replaced()).isFalse();
    assertThat(say("/shout x").reply()).isEqualTo("X!");

    assertStatus(() -> core.putPlug(shard, "c1", "junk", "u1", new byte[] {1, 2, 3}), CoreException.Status.BAD_REQUEST);
    byte[] forbidden = Files.readAllBytes(Path.of("..", "plugs", "src", "test", "resources", "wasm", "forbidden-import.wasm"));
    assertThatThrownBy(() -> core.putPlug(shard, "c1", "bad", "u1", forbidden))
        .isInstanceOfSatisfying(CoreException.class, e -> {
          assertThat(e.status()).isEqualTo(CoreException.Status.BAD_REQUEST);
          assertThat(e.getMessage()).contains("import");
        });
    assertStatus(() -> core.putPlug(shard, "c1", "big", "u1", new byte[65 * 1024]), CoreException.Status.TOO_LARGE);
    assertStatus(() -> core.putPlug(shard, "c1", "bad name!", "u1", SHOUT), CoreException.Status.BAD_REQUEST);
    assertStatus(() -> core.removePlug(shard, "c1", "nope", "u1"), CoreException.Status.NOT_FOUND);
    assertThat(core.listPlugs(shard, "c1")).extracting(PlugInfo::name).containsExactly("loud");

    core.removePlug(shard, "c1", "loud", "u1");
    assertThat(say("/shout x").reply()).isNull();
    assertThat(events("c1")).extracting(Event::type).contains("plug_added", "plug_removed");
    assertThat(sayWithAttachment("/r plug add junk", new byte[] {0, 'a', 's', 'm'}).reply()).startsWith("Plug not installed:");
    assertThat(sayAsOwner("/r plug add nofile").reply()).contains("Attach the plug's `.wasm`");
  }

  @Test
  void aFaultingPlugStillLetsTheCommandBeAnswered() throws Exception {
    byte[] trap = Files.readAllBytes(Path.of("..", "plugs", "src", "test", "resources", "wasm", "trap.wasm"));
    core.putPlug(shard, "c1", "broken", "u1", trap);
    CommandReply r = say("/r 1d1+2");
    assertThat(r.rolls()).extracting(RollResult::total).containsExactly(3L);
    assertThat(core.listPlugs(admin, "c1").get(0).errors()).isEqualTo(1);
  }

  static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, CoreException.Status status) {
    assertThatThrownBy(call).isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
