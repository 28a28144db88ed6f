package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.channel.epoll.Epoll;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sidekick.http.testing.FakeCore;
import sidekick.http.testing.TestServer;

/** The server answers on both Netty transports: native epoll (where it loads) and the NIO fallback. */
@Timeout(60)
class TransportTest {
  @ParameterizedTest
  @EnumSource(Transport.class)
  void servesCommandsOnEachTransport(Transport transport) throws Exception {
    assumeThat(transport != Transport.EPOLL || Epoll.isAvailable()).as("epoll loads here").isTrue();
    try (TestServer<FakeCore> t = new TestServer<>(new FakeCore(), TestServer.config().transport(transport))) {
      HttpResponse<String> r = t.command(FakeCore.SHARD, "c1", "u1", "/r 1d20+5");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(t.get("/healthz", null).body()).isEqualTo("ok\n");
    }
  }

  @Test
  void theDefaultIsEpollWhereItLoadsAndABadChoiceIsRefused() {
    String before = System.getProperty(Transport.PROPERTY);
    try {
      System.clearProperty(Transport.PROPERTY);
      assertThat(Transport.configured()).isEqualTo(Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO);
      System.setProperty(Transport.PROPERTY, "NIO");
      assertThat(Transport.configured()).isEqualTo(Transport.NIO);
      System.setProperty(Transport.PROPERTY, "kqueue");
      assertThatThrownBy(Transport::configured).hasMessageContaining("auto, epoll or nio");
    } finally {
      if (before == null) System.clearProperty(Transport.PROPERTY);
      else System.setProperty(Transport.PROPERTY, before);
    }
  }
}
