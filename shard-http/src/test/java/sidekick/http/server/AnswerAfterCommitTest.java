package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import sidekick.core.Core;
import sidekick.core.db.Database;
import sidekick.core.db.Schema;
import sidekick.core.events.EventBatchTable;
import sidekick.http.testing.TestServer;

/** {@code serve --answer-after-commit}: an answered command's events are already on disk. */
@Timeout(60)
class AnswerAfterCommitTest {
  @RegisterExtension
  static final TestServer<Core> t = TestServer.onRealCore(TestServer.config().replyAfterCommit(true));

  @Test
  void aCommandIsAnsweredOnlyOnceItsEventsAreOnDisk() throws Exception {
    String shard = t.newShardToken("durable shard");
    // A connection of its own to the file: it sees what is committed, nothing of the core's memory.
    try (Database db = Database.open(t.core.dataDir().resolve("sidekick.db"), Schema.MIGRATIONS)) {
      for (int i = 1; i <= 5; i++) {
        HttpResponse<String> r = t.command(shard, "durable", "u1", "/r 1d20+" + i);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long head = db.read(s -> EventBatchTable.headOnDisk(s, "durable"));
        assertThat(head).as("events on disk after answer %d", i).isEqualTo(2L * i);
      }
    }
  }
}
