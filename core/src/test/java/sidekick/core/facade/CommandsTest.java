package sidekick.core.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.CoreException;
import sidekick.core.Event;
import sidekick.core.RollResult;
import sidekick.core.util.Json;

class CommandsTest extends CoreTestBase {
  @Test
  void aRollRepliesInMarkdownWithItsTotalAndLogsRollThenReply() throws Exception {
    CommandReply r = say("/r 1d20+5 # attack");
    assertThat(r.reply()).startsWith("**Grog**: 1d20 (").contains("+ 5 = `").contains("attack");
    assertThat(r.rolls()).singleElement().satisfies(roll -> {
      assertThat(roll.expr()).isEqualTo("1d20+5");
      assertThat(roll.total().longValue()).isBetween(6L, 25L);
      assertThat(roll.total()).isInstanceOf(Long.class);
    });
    assertThat(r.micros()).isPositive();
    assertThat(r.ephemeral()).isFalse();

    List<Event> events = events("c1");
    assertThat(events).extracting(Event::type).containsExactly("roll", "reply");
    assertThat(events).extracting(Event::seq).containsExactly(1L, 2L);
    JsonNode roll = Json.read(events.get(0).json());
    assertThat(roll.get("user").asText()).isEqualTo("u1");
    assertThat(roll.get("userName").asText()).isEqualTo("Grog");
    assertThat(roll.get("expr").asText()).isEqualTo("1d20+5");
    assertThat(roll.get("total").asLong()).isEqualTo(r.rolls().get(0).total().longValue());
    JsonNode reply = Json.read(events.get(1).json());
    assertThat(reply.get("command").asText()).isEqualTo("/r 1d20+5 # attack");
    assertThat(reply.get("reply").asText()).isEqualTo(r.reply());
    assertThat(reply.get("micros").asLong()).isPositive();
  }

  @Test
  void bothPrefixesWorkAndOtherTextIsNoCommand() {
    assertThat(say("!r 2d6").reply()).startsWith("**Grog**: 2d6 (");
    assertThat(say("hello there").reply()).isNull();
    assertThat(say("hello there").rolls()).isEmpty();
    assertThat(events("c1")).extracting(Event::type).containsExactly("roll", "reply");
  }

  @Test
  void inlineRollsInAnyMessageCanBeSwitchedOffButForcedOnesAlwaysRoll() {
    CommandReply r = say("I swing for 2d6+3 slashing");
    assertThat(r.reply()).startsWith("**Grog**: I swing for 2d6 (").endsWith("` slashing");
    assertThat(r.rolls()).extracting(RollResult::expr).containsExactly("2d6+3");

    assertThat(say("/r inline off").reply()).contains("Only people who can manage");
    assertThat(sayAsOwner("/r inline off").reply()).contains("now **off**");
    assertThat(say("I swing for 2d6+3 slashing").reply()).isNull();
    CommandReply forced = say("I swing for [[2d6+3]] slashing and 1d4");
    assertThat(forced.rolls()).extracting(RollResult::expr).containsExactly("2d6+3");
    assertThat(forced.reply()).endsWith("slashing and 1d4");
    assertThat(say("/r inline").reply()).contains("**off**");

    reopen();
    assertThat(say("I swing for 2d6+3 slashing").reply()).isNull();
    sayAsOwner("/r inline on");
    assertThat(say("I swing for 2d6+3 slashing").rolls()).hasSize(1);
  }

  @Test
  void malformedAndUnknownCommandsGetAShortHelpfulAnswer() {
    CommandReply bad = say("/r 1d20+");
    assertThat(bad.reply()).startsWith("Can't roll that:").contains("```\n1d20+\n     ^\n```").contains("/r help");
    assertThat(bad.rolls()).isEmpty();
    assertThat(say("/r frobnicate").reply()).contains("I don't know `/r frobnicate`").contains("/r help");
    assertThat(say("/r plug").reply()).contains("/r plug add NAME");
    assertThat(say("/r deal lots").reply()).contains("/r deal 5");
    assertThat(say("/r bind phone").reply()).contains("/r bind app");
    assertThat(say("/r 1d20 2d6").reply()).startsWith("Can't roll that");
  }

  @Test
  void repeatAndMaxAreRolls() {
    CommandReply rep = say("/r repeat(3d6, 3)");
    assertThat(rep.rolls()).singleElement().satisfies(r -> assertThat(r.expr()).isEqualTo("repeat(3d6, 3)"));
    assertThat(rep.reply().split("\n")).hasSize(3);
    CommandReply adv = say("/r max(1d20, 1d20)");
    assertThat(adv.rolls().get(0).total().longValue()).isBetween(1L, 20L);
    assertThat(adv.reply()).startsWith("**Grog**: max(");
  }

  @Test
  void helpListsTheCommands() {
    String help = say("/r help").reply();
    assertThat(help).contains("/r stats", "/r deal", "/r $sword = 1d8+3", "/r plug add", "/r bind app");
    assertThat(say("/r").reply()).isEqualTo(help);
    assertThat(say("/r help plug").reply()).contains("WebAssembly");
    assertThat(say("/r help nonsense").reply()).startsWith("No help on");
  }

  @Test
  void dealAndShuffleUseAPersistentDeckPerChannel() {
    CommandReply first = say("/r deal 5");
    assertThat(first.reply()).startsWith("**Grog** draws ").contains("(47 left, new shuffled deck)");
    reopen();
    assertThat(say("/r deal 40").reply()).contains("(7 left)");
    assertThat(say("c2", "u1", "/r deal", false).reply()).contains("(51 left, new shuffled deck)");
    assertThat(say("/r deal 10").reply()).contains("(0 left)").contains("ran out");
    assertThat(say("/r deal").reply()).contains("deck is empty");
    assertThat(say("/r shuffle").reply()).contains("52 cards");
    assertThat(say("/r deal 2").reply()).contains("(50 left)");
    assertThat(say("/r deal 53").reply()).contains("at most");
  }

  @Test
  void longRepliesAreCutForChat() {
    CommandReply r = say("/r repeat(45d6, 20)");
    assertThat(r.reply().length()).isLessThanOrEqualTo(2000);
    assertThat(r.reply()).endsWith("*(reply cut: too long for chat)*");
  }

  @Test
  void badRequestsAreRefusedNotAnswered() {
    assertThatThrownBy(() -> core.handleCommand(shard, new CommandRequest("", "s", "u1", "G", "/r 1d6", false, null)))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.BAD_REQUEST));
    assertThatThrownBy(() -> core.handleCommand(shard, new CommandRequest("c1", "s", null, "G", "/r 1d6", false, null)))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.BAD_REQUEST));
    assertThatThrownBy(() -> core.handleCommand(shard, new CommandRequest("_system", "s", "u1", "G", "/r 1d6", false, null)))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.BAD_REQUEST));
    assertThatThrownBy(() -> say("/r " + "1+".repeat(3000) + "1"))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.TOO_LARGE));
    assertThatThrownBy(() -> core.handleCommand(null, CommandRequest.of("c1", "u1", "/r 1d6", false)))
        .isInstanceOfSatisfying(CoreException.class, e -> assertThat(e.status()).isEqualTo(CoreException.Status.UNAUTHORIZED));
    assertThat(events("c1")).isEmpty();
  }

  @Test
  void userNamesAreEscapedInReplies() {
    CommandReply r = core.handleCommand(shard, new CommandRequest("c1", "s1", "u9", "*@everyone*", "/r 1d6", false, null));
    assertThat(r.reply()).startsWith("**\\*@\u200beveryone\\***: ");
  }
}
