package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;
import sidekick.core.Event;
import sidekick.core.EventPage;
import sidekick.core.Subscription;
import sidekick.core.util.Json;

class EventLogTest extends DatabaseTestBase {
  EventLog log;

  @Override
  protected void opened() {
    log = new EventLog(db, Clock.systemUTC(), 100, 1_000);
  }

  @Override
  protected void closing() {
    log.close();
  }

  @Test
  void seqGrowsByOnePerChannel() throws Exception {
    log.append("a", "roll", Map.of("expr", "1d20"));
    log.append("b", "roll", Map.of("expr", "1d6"));
    Event second = log.append("a", "reply", Map.of("reply", "hi"));
    assertThat(second.seq()).isEqualTo(2);
    assertThat(log.head("b")).isEqualTo(1);
    JsonNode json = Json.read(second.json());
    assertThat(json.get("seq").asLong()).isEqualTo(2);
    assertThat(json.get("type").asText()).isEqualTo("reply");
    assertThat(json.get("channel").asText()).isEqualTo("a");
    assertThat(json.get("reply").asText()).isEqualTo("hi");
    assertThat(json.get("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void fieldsOfEveryKindRoundTripThroughTheEventJson() throws Exception {
    java.util.Map<String, Object> f = new java.util.LinkedHashMap<>();
    f.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 dice 🎲 é");
    f.put("whole", 42L);
    f.put("decimal", 7.5);
    f.put("flag", true);
    f.put("none", null);
    f.put("list", java.util.List.of(1, 2));
    f.put("seq", 999); // reserved names cannot be overridden
    JsonNode json = Json.read(log.append("a", "reply", f).json());
    assertThat(json.get("seq").asLong()).isEqualTo(1);
    assertThat(json.get("text").asText()).isEqualTo(f.get("text"));
    assertThat(json.get("whole").isIntegralNumber()).isTrue();
    assertThat(json.get("decimal").asDouble()).isEqualTo(7.5);
    assertThat(json.get("flag").asBoolean()).isTrue();
    assertThat(json.get("none").isNull()).isTrue();
    assertThat(json.get("list")).hasSize(2);
  }

  @Test
  void readPagesAfterASeq() {
    for (int i = 0; i < 5; i++) log.append("a", "roll", Map.of("n", i));
    EventPage page = log.read("a", 1, 2);
    assertThat(page.events()).extracting(Event::seq).containsExactly(2L, 3L);
    assertThat(page.next()).isEqualTo(3);
    assertThat(page.truncated()).isTrue();
    EventPage rest = log.read("a", page.next(), 100);
    assertThat(rest.events()).extracting(Event::seq).containsExactly(4L, 5L);
    assertThat(rest.truncated()).isFalse();
    EventPage none = log.read("a", 5, 100);
    assertThat(none.events()).isEmpty();
    assertThat(none.next()).isEqualTo(5);
  }

  @Test
  void seqSurvivesReopening() {
    log.append("a", "roll", Map.of());
    log.append("a", "roll", Map.of());
    reopen();
    assertThat(log.append("a", "roll", Map.of()).seq()).isEqualTo(3);
    assertThat(log.read("a", 0, 10).events()).hasSize(3);
  }

  @Test
  void aSubscriberGetsTheBacklogThenEveryNewEventOnceInOrder() throws Exception {
    log.append("a", "roll", Map.of());
    List<Long> live = new CopyOnWriteArrayList<>();
    try (Subscription sub = log.subscribe("a", 0, e -> live.add(e.seq()))) {
      assertThat(sub.backlog().events()).extracting(Event::seq).containsExactly(1L);
      int threads = 4, each = 25;
      CountDownLatch done = new CountDownLatch(threads);
      for (int t = 0; t < threads; t++) {
        new Thread(() -> {
          for (int i = 0; i < each; i++) log.append("a", "roll", Map.of());
          done.countDown();
        }).start();
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      List<Long> expected = new ArrayList<>();
      for (long s = 2; s <= 1 + threads * each; s++) expected.add(s);
      assertThat(live).containsExactlyElementsOf(expected);
    }
    log.append("a", "roll", Map.of());
    assertThat(live).hasSize(100); // closed: no more deliveries
  }

  @Test
  void aSubscriptionFarBehindGetsTheNewestEventsMarkedTruncated() {
    for (int i = 0; i < 150; i++) log.append("a", "roll", Map.of());
    try (Subscription sub = log.subscribe("a", 0, e -> {})) {
      assertThat(sub.backlog().events()).hasSize(100);
      assertThat(sub.backlog().events().get(0).seq()).isEqualTo(51);
      assertThat(sub.backlog().next()).isEqualTo(150);
      assertThat(sub.backlog().truncated()).isTrue();
    }
  }

  @Test
  void readsFarBackComeFromDiskAfterPendingWritesAreCommitted() {
    EventLog tiny = new EventLog(db, Clock.systemUTC(), 10, 1_000);
    for (int i = 0; i < 50; i++) tiny.append("t", "roll", Map.of("n", i));
    EventPage old = tiny.read("t", 0, 5); // older than the 10 kept in memory
    assertThat(old.events()).extracting(Event::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    EventPage recent = tiny.read("t", 45, 10);
    assertThat(recent.events()).extracting(Event::seq).containsExactly(46L, 47L, 48L, 49L, 50L);
    tiny.flush();
    assertThat(tiny.pendingWrites()).isZero();
    tiny.close();
  }

  @Test
  void aFailingListenerIsRemovedAndOthersStillGetEvents() {
    List<Long> good = new ArrayList<>();
    log.subscribe("a", 0, e -> { throw new IllegalStateException("boom"); });
    log.subscribe("a", 0, e -> good.add(e.seq()));
    log.append("a", "roll", Map.of());
    log.append("a", "roll", Map.of());
    assertThat(good).containsExactly(1L, 2L);
    assertThat(log.subscriberCount()).isEqualTo(1);
  }

  @Test
  void oldEventsArePrunedBeyondTheRetention() {
    EventLog small = new EventLog(db, Clock.systemUTC(), 1000, 100);
    // one commit per append: how the writer batches appends must not decide whether a prune
    // (every PRUNE_EVERY events, of whole indexed sections only) finds one old enough to go
    int appends = 3 * EventBatchTable.PRUNE_EVERY;
    for (int i = 0; i < appends; i++) {
      small.append("p", "roll", Map.of());
      small.flush();
    }
    small.close();
    EventLog fresh = new EventLog(db, Clock.systemUTC(), 1000, 100);
    EventPage all = fresh.read("p", 0, appends);
    fresh.close();
    assertThat(all.events().size()).isLessThan(appends).isGreaterThanOrEqualTo(100);
    assertThat(all.events().get(all.events().size() - 1).seq()).isEqualTo(appends);
  }
}
