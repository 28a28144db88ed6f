package sidekick.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteBoundedCacheTest {
  @Test
  void evictsLeastRecentlyUsedToStayWithinItsBytes() {
    ByteBoundedCache<String> c = new ByteBoundedCache<>(100);
    c.put("a", new byte[40]);
    c.put("b", new byte[40]);
    assertThat(c.get("a")).isNotNull(); // a is now the most recent
    c.put("c", new byte[40]);
    assertThat(c.get("b")).isNull();
    assertThat(c.get("a")).isNotNull();
    assertThat(c.bytes()).isEqualTo(80);
    c.put("huge", new byte[101]);
    assertThat(c.get("huge")).isNull();
    c.put("a", new byte[10]);
    assertThat(c.bytes()).isEqualTo(50);
    assertThat(new ByteBoundedCache<String>(0).size()).isZero();
  }
}
