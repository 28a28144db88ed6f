package sidekick.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void defaultsBindLoopbackOnly() {
    ServerConfig c = ServerConfig.defaults();
    assertThat(c.bindHost()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.tls()).isFalse();
    assertThat(c.corsOrigins()).isEmpty();
  }

  @Test
  void uploadFramesMayCarryTheUploadLimitInBase64() {
    ServerConfig c = ServerConfig.builder().maxUploadBytes(3_000_000).maxFrameBytes(1 << 20).build();
    assertThat(c.maxUploadFrameBytes()).isGreaterThanOrEqualTo(4_000_000).isLessThan(4_010_000);
    ServerConfig small = ServerConfig.builder().maxUploadBytes(10).maxFrameBytes(1 << 20).build();
    assertThat(small.maxUploadFrameBytes()).isEqualTo(1 << 20);
  }

  @Test
  void refusesInconsistentSettings() {
    assertThatThrownBy(() -> ServerConfig.builder().tls(Path.of("c.pem"), null).build())
        .hasMessageContaining("TLS");
    assertThatThrownBy(() -> ServerConfig.builder().bind("127.0.0.1", 70000).build())
        .hasMessageContaining("port");
    assertThatThrownBy(() -> ServerConfig.builder().maxBodyBytes(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerConfig.builder().maxLongPollSeconds(120).idleTimeout(Duration.ofSeconds(60)).build())
        .hasMessageContaining("idle timeout");
  }

  @Test
  void toBuilderKeepsEverything() {
    ServerConfig c = ServerConfig.builder().bind("0.0.0.0", 9000).tokenRate(5, 10).workerThreads(3).build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }
}
