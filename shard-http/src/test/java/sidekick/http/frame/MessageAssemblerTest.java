package sidekick.http.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {
  @Test
  void joinsPiecesAndStartsAfreshAfterEachMessage() {
    MessageAssembler a = new MessageAssembler();
    assertThat(a.add(ByteBuffer.wrap(new byte[] {1, 2}), false)).isNull();
    assertThat(a.add(ByteBuffer.wrap(new byte[] {3}), true)).containsExactly(1, 2, 3);
    assertThat(a.add(ByteBuffer.wrap(new byte[] {9}), true)).containsExactly(9);
    assertThat(a.add(ByteBuffer.wrap(new byte[0]), true)).isEmpty();
  }
}
