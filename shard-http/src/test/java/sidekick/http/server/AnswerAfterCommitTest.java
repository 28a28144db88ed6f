package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import sidekick.core.Core;
import sidekick.http.testing.TestServer;

/** {@code serve --answer-after-commit}: an answered command's events are already on disk. */
@Timeout(60)
class AnswerAfterCommitTest {
  @RegisterExtension
  static final TestServer<Core> t = TestServer.onRealCore(TestServer.config().replyAfterCommit(true));

  @Test
  void aCommandIsAnsweredOnlyOnceItsEventsAreOnDisk() throws Exception {
    String shard = t.newShardToken("durable shard");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + t.core.dataDir().resolve("sidekick.db"))) {
      for (int i = 1; i <= 5; i++) {
        HttpResponse<String> r = t.command(shard, "durable", "u1", "/r 1d20+" + i);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(eventsOnDisk(db, "durable")).as("events on disk after answer %d", i).isEqualTo(2L * i);
      }
    }
  }

  private static long eventsOnDisk(Connection db, String channel) throws Exception {
    try (PreparedStatement st = db.prepareStatement("SELECT COALESCE(SUM(last_seq - first_seq + 1), 0) FROM event_index WHERE channel = ?")) {
      st.setString(1, channel);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
