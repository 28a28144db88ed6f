package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import sidekick.core.util.Json;

/**
 * An event's fields are the JSON Jackson writes for the same members (names of the roll and reply
 * events, encoded once, and any other name alike), and the names the log writes itself are skipped.
 */
class EventFieldsTest {
  @Test
  void theRollAndReplyFieldsAreWhatJacksonWrites() throws Exception {
    EventFields f = new EventFields().put("user", "u1").put("userName", "Grög \"the\" \\ big\n")
        .put("expr", "1d20+5").put("total", 13L).put("text", "1d20 (8) + 5 = `13`")
        .put("command", "/r 1d20+5").put("reply", "**Grog**: `13` 🎲").put("micros", 29551);
    ObjectNode tree = Json.object().put("user", "u1").put("userName", "Grög \"the\" \\ big\n")
        .put("expr", "1d20+5").put("total", 13L).put("text", "1d20 (8) + 5 = `13`")
        .put("command", "/r 1d20+5").put("reply", "**Grog**: `13` 🎲").put("micros", 29551);
    assertThat(asObject(f)).isEqualTo(Json.write(tree));
  }

  @Test
  void otherNamesAndValuesAreWhatJacksonWritesToo() throws Exception {
    EventFields f = new EventFields().put("name", "$ATK").put("say \"x\"", 2.5).put("on", true).put("none", null)
        .put("count", 3);
    ObjectNode tree = Json.object().put("name", "$ATK").put("say \"x\"", 2.5).put("on", true).putNull("none")
        .put("count", 3);
    assertThat(asObject(f)).isEqualTo(Json.write(tree));
  }

  @Test
  void theLogsOwnNamesAreSkipped() {
    EventFields f = new EventFields().put("seq", 9).put("type", "x").put("at", "y").put("channel", "z")
        .put("user", "u");
    assertThat(f.toEvent("roll").fieldsJson()).isEqualTo(",\"user\":\"u\"");
  }

  /** The members (each with its leading comma) as one JSON object. */
  private static String asObject(EventFields f) {
    return "{" + f.toEvent("roll").fieldsJson().substring(1) + "}";
  }
}
