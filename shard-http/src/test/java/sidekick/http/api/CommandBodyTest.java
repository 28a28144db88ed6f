package sidekick.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import sidekick.core.CommandRequest;

class CommandBodyTest {
  private static CommandRequest parse(String json) {
    return CommandBody.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsThePlainBodyAShardSends() {
    CommandRequest r = parse("{\"channel\":\"c1\",\"server\":\"s1\",\"user\":\"u1\",\"userName\":\"Grög\","
        + "\"text\":\"/r 1d20+5 \\\"x\\\"\",\"canManagePlugs\":true,\"extra\":{\"a\":[1,2]},\"attachment\":null}");
    assertThat(r).isEqualTo(new CommandRequest("c1", "s1", "u1", "Grög", "/r 1d20+5 \"x\"", true, null));
  }

  @Test
  void optionalFieldsMayBeMissingOrNull() {
    assertThat(parse("{\"channel\":\"c\",\"user\":\"u\",\"text\":\"hi\",\"server\":null}"))
        .isEqualTo(new CommandRequest("c", null, "u", null, "hi", false, null));
  }

  /** Shards' usual order is read by matching names where they stand; any other order reads the same. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"channel\":\"c1\",\"server\":\"s1\",\"user\":\"u1\",\"userName\":\"G\",\"text\":\"/r 1\",\"canManagePlugs\":true}",
      "{\"canManagePlugs\":true,\"text\":\"/r 1\",\"userName\":\"G\",\"user\":\"u1\",\"server\":\"s1\",\"channel\":\"c1\"}",
      "{ \"channel\" : \"c1\" , \"x\":1, \"server\":\"s1\",\"user\":\"u1\",\"userName\":\"G\",\"text\":\"/r 1\",\"canManagePlugs\":true}",
      "{\"channel\":\"c1\",\"server\":\"s1\",\"user\":\"u1\",\"userName\":\"G\",\"text\":\"/r 1\",\"canManagePlugs\":true,\"x\":[]}",
      "{\"chan\\u006eel\":\"c1\",\"server\":\"s1\",\"user\":\"u1\",\"userName\":\"G\",\"text\":\"/r 1\",\"canManagePlugs\":true}",
      "{\"channel\":\"c1\",\"serverX\":\"s2\",\"server\":\"s1\",\"user\":\"u1\",\"userName\":\"G\",\"text\":\"/r 1\",\"canManagePlugs\":true}"})
  void membersAreReadInAnyOrder(String body) {
    assertThat(parse(body)).isEqualTo(new CommandRequest("c1", "s1", "u1", "G", "/r 1", true, null));
  }

  @Test
  void anEmptyObjectIsLeftToTheGeneralPath() {
    assertThat(parse("{}")).isNull();
    assertThat(parse("{ }")).isNull();
  }

  @Test
  void theLastOfARepeatedFieldWinsAsInAJsonTree() {
    assertThat(parse("{\"channel\":\"a\",\"channel\":\"b\",\"user\":\"u\",\"text\":\"t\"}").channel()).isEqualTo("b");
  }

  /** Every body the fast read does not take goes to the general path, which words the 400 (or accepts it). */
  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "[]",
      "{\"channel\":\"c\",\"user\":\"u\"}",                                   // missing text
      "{\"channel\":\"\",\"user\":\"u\",\"text\":\"t\"}",                     // empty channel
      "{\"channel\":null,\"user\":\"u\",\"text\":\"t\"}",
      "{\"channel\":7,\"user\":\"u\",\"text\":\"t\"}",                        // a number: Args takes it as text
      "{\"channel\":\"c\",\"user\":\"u\",\"text\":\"t\",\"canManagePlugs\":\"true\"}",
      "{\"channel\":\"c\",\"user\":\"u\",\"text\":\"t\",\"attachment\":{\"base64\":\"AA==\"}}",
      "{\"channel\":\"c\",\"user\":\"u\",\"text\":\"t\"} {}",                 // trailing content
      "{\"channel\":\"c\",\"user\":\"u\",\"text\":\"t\"",                     // cut short
      "{\"channel\":\"c\",\"user\":\"u\",\"text\":[\"t\"]}",
      "not json"})
  void leavesEverythingElseToTheGeneralPath(String body) {
    assertThat(parse(body)).isNull();
  }

  @Test
  void theGeneralPathStillRefusesWhatTheFastReadLeft() {
    assertThatThrownBy(() -> Json.parseObject("{\"channel\":\"c\",\"user\":\"u\",\"text\":\"t\"} {}"
        .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ApiException.class);
  }
}
