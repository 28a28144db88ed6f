package sidekick.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Strings written into hand-built JSON read back as they were, escaped only where JSON needs it. */
class JsonTest {
  static JsonNode roundTrip(String value) throws Exception {
    StringBuilder sb = new StringBuilder("{");
    appendField(sb, "v", value);
    return Json.read(sb.append('}').toString()).get("v");
  }

  /** A member as event encoding writes one: the name, then the value. */
  static void appendField(StringBuilder sb, String name, Object value) {
    Json.appendName(sb, name);
    Json.appendValue(sb, value);
  }

  @Test
  void plainTextIsWrittenAsItIs() throws Exception {
    StringBuilder sb = new StringBuilder();
    appendField(sb, "reply", "**Grog**: 1d20 (12) + 5 = `17` — attack");
    assertThat(sb.toString()).isEqualTo("\"reply\":\"**Grog**: 1d20 (12) + 5 = `17` — attack\"");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() throws Exception {
    for (String s : new String[] {"say \"hi\"", "C:\\dice", "two\nlines", "tab\there", "bell\u0007", "\u0000",
        "emoji 🎲 and ünïcödé", "", "\"", "\\"}) {
      assertThat(roundTrip(s).asText()).isEqualTo(s);
    }
    StringBuilder sb = new StringBuilder();
    appendField(sb, "a\"b", "x\ny");
    assertThat(sb.toString()).isEqualTo("\"a\\\"b\":\"x\\ny\"");
  }
}
