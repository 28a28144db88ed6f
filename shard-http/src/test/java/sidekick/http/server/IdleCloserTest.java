package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The idle timeout on Netty's embedded channel, with its clock moved by hand. */
class IdleCloserTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static EmbeddedChannel channel() {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    ch.pipeline().addLast(new IdleCloser(TIMEOUT));
    return ch;
  }

  private static void advance(EmbeddedChannel ch, long seconds) {
    for (long s = 0; s < seconds; s++) { // a second at a time: each look reschedules the next
      ch.advanceTimeBy(1, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
    }
  }

  @Test
  void aConnectionWithNothingReadOrWrittenClosesAfterTheTimeoutAndNotBefore() {
    EmbeddedChannel ch = channel();
    advance(ch, 119);
    assertThat(ch.isOpen()).isTrue();
    advance(ch, 31); // within a quarter of the timeout more
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void readsAndWritesKeepItOpenAndTheTimeoutCountsFromTheLastOfThem() {
    EmbeddedChannel ch = channel();
    for (int i = 0; i < 10; i++) {
      advance(ch, 100);
      if (i % 2 == 0) ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
      else ch.writeOutbound(Unpooled.wrappedBuffer(new byte[] {2}));
    }
    assertThat(ch.isOpen()).as("1,000 s with something every 100 s").isTrue();
    advance(ch, 119);
    assertThat(ch.isOpen()).isTrue();
    advance(ch, 31);
    assertThat(ch.isOpen()).isFalse();
    ch.finishAndReleaseAll();
  }

  @Test
  void closingStopsTheTimer() {
    EmbeddedChannel ch = channel();
    ch.close();
    assertThat(ch.runScheduledPendingTasks()).as("no look left scheduled").isEqualTo(-1);
  }
}
