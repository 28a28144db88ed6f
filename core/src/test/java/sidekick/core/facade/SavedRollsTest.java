package sidekick.core.facade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import sidekick.core.CommandReply;
import sidekick.core.CoreConfig;
import sidekick.core.Event;
import sidekick.core.util.Json;

class SavedRollsTest extends CoreTestBase {
  @Override
  CoreConfig config() {
    return CoreConfig.builder().randomSeed(7L).tokenPollInterval(Duration.ofMillis(50))
        .maxSavedRollsPerScope(3).maxSavedRollExprChars(40).maxSavedRollNameChars(12).build();
  }

  @Test
  void saveRollUseDeleteAndList() {
    assertThat(say("/r $sword = 1d8+3").reply()).isEqualTo("Saved **$sword** = `1d8+3` for you.");
    CommandReply roll = say("/r $sword");
    assertThat(roll.reply()).startsWith("**Grog**: $sword (1d8 (");
    assertThat(roll.rolls().get(0).total().longValue()).isBetween(4L, 11L);
    assertThat(say("/r $sword + 10").rolls().get(0).total().longValue()).isBetween(14L, 21L);
    assertThat(say("/r $sword = 2d6").reply()).startsWith("Updated **$sword**");
    assertThat(say("/r $").reply()).isEqualTo("**Yours**: `$sword` = `2d6`");
    assertThat(say("/r $sword =").reply()).isEqualTo("Deleted **$sword**.");
    assertThat(say("/r $sword =").reply()).contains("no saved roll `$sword`");
    assertThat(say("/r $").reply()).startsWith("No saved rolls here yet.");
    assertThat(say("/r $sword").reply()).startsWith("Can't roll that");
  }

  @Test
  void capitalNamesAreTheChannelsOthersTheUsersInThatChannel() {
    say("c1", "u1", "/r $INIT = 1d20+2", false);
    say("c1", "u1", "/r $sword = 1d8+3", false);
    // Pike sees the channel's roll, not Grog's own.
    assertThat(say("c1", "u2", "/r $INIT", false).rolls()).hasSize(1);
    assertThat(say("c1", "u2", "/r $sword", false).rolls()).isEmpty();
    assertThat(say("c1", "u2", "/r $", false).reply()).isEqualTo("**Channel**: `$INIT` = `1d20+2`");
    assertThat(say("c1", "u1", "/r $", false).reply())
        .isEqualTo("**Channel**: `$INIT` = `1d20+2`\n**Yours**: `$sword` = `1d8+3`");
    // Another channel sees neither.
    assertThat(say("c2", "u1", "/r $INIT", false).rolls()).isEmpty();
    assertThat(say("c2", "u1", "/r $sword", false).rolls()).isEmpty();
  }

  @Test
  void savedRollsMayUseEachOtherButNotInACycle() {
    say("/r $STR = 3");
    assertThat(say("/r $atk = 1d20+$STR").reply()).startsWith("Saved **$atk**");
    CommandReply r = say("/r $atk");
    assertThat(r.rolls().get(0).total().longValue()).isBetween(4L, 23L);
    // $STR = $atk would loop: refused, and $STR keeps its value.
    assertThat(say("/r $STR = $atk").reply()).startsWith("Can't save `$STR`");
    assertThat(say("/r $self = 1 + $self").reply()).startsWith("Can't save `$self`");
    assertThat(say("/r $STR").rolls().get(0).total().longValue()).isEqualTo(3);
    assertThat(say("/r $x = 1d6 + $missing").reply()).startsWith("Can't save `$x`").contains("missing");
  }

  @Test
  void limitsOnCountNameAndLength() {
    say("/r $a = 1");
    say("/r $b = 2");
    say("/r $c = 3");
    assertThat(say("/r $d = 4").reply()).isEqualTo("You have 3 saved rolls already; delete one with `/r $name =`.");
    assertThat(say("/r $c = 33").reply()).startsWith("Updated"); // replacing is not adding
    assertThat(say("/r $A = 4").reply()).startsWith("Saved"); // the channel has its own count
    assertThat(say("/r $waytoolongname = 1").reply()).contains("at most 12 characters");
    assertThat(say("/r $e = " + "1+".repeat(30) + "1").reply()).contains("at most 40 characters");
    assertThat(say("/r $9lives = 1").reply()).contains("not a name I can save");
    assertThat(say("/r $c = 1d").reply()).startsWith("Can't save `$c`");
  }

  @Test
  void savedRollsSurviveAReopenAndChangesAreEvents() throws Exception {
    say("/r $sword = 1d8+3");
    say("/r $INIT = 1d20");
    say("/r $INIT =");
    reopen();
    assertThat(say("/r $sword").rolls()).hasSize(1);
    List<Event> changes = events("c1").stream().filter(e -> e.type().startsWith("var_")).toList();
    assertThat(changes).extracting(Event::type).containsExactly("var_set", "var_set", "var_deleted");
    JsonNode set = Json.read(changes.get(0).json());
    assertThat(set.get("name").asText()).isEqualTo("sword");
    assertThat(set.get("scope").asText()).isEqualTo("user");
    assertThat(set.get("user").asText()).isEqualTo("u1");
    assertThat(set.get("expr").asText()).isEqualTo("1d8+3");
    JsonNode del = Json.read(changes.get(2).json());
    assertThat(del.get("scope").asText()).isEqualTo("channel");
    assertThat(del.has("expr")).isFalse();
  }

  @Test
  void oddsOfSavedRollsUseTheirExpressions() {
    say("/r $STR = 3");
    say("/r $atk = 1d20+$STR # attack");
    assertThat(say("/r stats $atk").reply()).startsWith("**Odds of** `$atk`: 4–23, mean **13.50**");
    assertThat(say("/r stats $nope + 1").reply()).startsWith("Can't work out the odds").contains("nope");
    assertThat(say("/r stats 2d6 + $atk").reply()).startsWith("**Odds of** `2d6 + $atk`: 6–35");
  }

  @Test
  void savedRollsInChatAreRolledWhenInlineRollsAreOn() {
    say("/r $sword = 1d8+3");
    CommandReply r = say("I hit it with $sword and pay $5");
    assertThat(r.rolls()).extracting(x -> x.expr()).containsExactly("$sword");
    assertThat(r.reply()).contains("$sword (1d8 (").endsWith("and pay $5");
    assertThat(say("I have no $shield").reply()).isNull();
    assertThat(say("code `$sword` stays").reply()).isNull();
  }
}
