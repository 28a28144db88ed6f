package sidekick.core.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import sidekick.core.CoreException;
import sidekick.core.Event;
import sidekick.core.StatsResult;
import sidekick.core.Subscription;
import sidekick.core.util.Json;

class StatsAndEventsTest extends CoreTestBase {
  @Test
  void statsGivesTheExactDistributionAsTheCliPrintsIt() throws Exception {
    StatsResult s = core.stats(shard, "3d6");
    assertThat(s.min()).isEqualTo(3L);
    assertThat(s.max()).isEqualTo(18L);
    assertThat(s.mean()).isCloseTo(10.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.exact()).isTrue();
    assertThat(s.pmf()).hasSize(16);
    assertThat(s.pmf().get(0).probability()).isCloseTo(1 / 216.0, org.assertj.core.data.Offset.offset(1e-12));
    JsonNode json = Json.read(s.json());
    assertThat(json.get("expr").asText()).isEqualTo("3d6");
    assertThat(json.get("min").isIntegralNumber()).isTrue();
    assertThat(json.get("mean").asDouble()).isEqualTo(10.5);
    assertThat(json.get("stdev").asDouble()).isEqualTo(2.958);
    assertThat(json.get("pmf").get(0).get(0).asLong()).isEqualTo(3);
    assertThat(json.get("pmf").get(0).get(1).asDouble()).isEqualTo(0.00462963);
    assertThatThrownBy(() -> core.stats(shard, "3d"))
        .isInstanceOfSatisfying(CoreException.class, e -> {
          assertThat(e.status()).isEqualTo(CoreException.Status.BAD_REQUEST);
          assertThat(e.position()).isEqualTo(2);
        });
  }

  @Test
  void statsInChatIsAShortSummary() {
    String reply = say("/r stats 2d6").reply();
    assertThat(reply).startsWith("**Odds of** `2d6`: 2–12, mean **7.00** (sd 2.42), most likely 7 (16.7%)");
    assertThat(reply.split("\n")[1]).matches("`[▁▂▃▄▅▆▇█]{11}`");
    assertThat(say("/r stats 1d20 + 1d20").reply()).contains("most likely 21 (5.00%)");
    assertThat(say("/r stats 2d").reply()).startsWith("Can't work out the odds");
  }

  @Test
  void subscribersSeeACommandsEventsLiveInOrder() {
    List<Event> seen = new CopyOnWriteArrayList<>();
    say("/r 1d6");
    try (Subscription sub = core.subscribe(shard, "c1", 1, seen::add)) {
      assertThat(sub.backlog().events()).extracting(Event::type).containsExactly("reply");
      say("/r $sword = 1d8");
      say("/r 2d6");
    }
    assertThat(seen).extracting(Event::type).containsExactly("var_set", "reply", "roll", "reply");
    assertThat(seen).extracting(Event::seq).containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void adminsMayAppendTheirOwnEvents() throws Exception {
    Event e = core.appendEvent(admin, "c1", "note", Map.of("text", "session starts"));
    assertThat(e.seq()).isEqualTo(1);
    assertThat(Json.read(e.json()).get("text").asText()).isEqualTo("session starts");
    assertThat(core.readEvents(shard, "c1", 0, 10).events()).containsExactly(e);
    assertThatThrownBy(() -> core.appendEvent(admin, "c1", "", Map.of())).isInstanceOf(CoreException.class);
  }
}
