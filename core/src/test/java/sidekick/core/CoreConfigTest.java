package sidekick.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoreConfigTest {
  @Test
  void theEventCommitWindowDefaultsToTwoMillisecondsAndStaysWithinZeroToAMinute() {
    assertThat(CoreConfig.defaults().eventCommitWindow()).isEqualTo(Duration.ofMillis(2));
    assertThat(CoreConfig.builder().eventCommitWindow(Duration.ZERO).build().eventCommitWindow()).isZero();
    CoreConfig fiveMillis = CoreConfig.builder().eventCommitWindow(Duration.ofMillis(5)).build();
    assertThat(fiveMillis.toBuilder().build().eventCommitWindow()).isEqualTo(Duration.ofMillis(5));
    assertThatThrownBy(() -> CoreConfig.builder().eventCommitWindow(Duration.ofMillis(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventCommitWindow");
    assertThatThrownBy(() -> CoreConfig.builder().eventCommitWindow(Duration.ofMinutes(2)).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
