package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One Dice and one parsed expression shared by several threads: every roll stays consistent. */
class ConcurrencyTest {
  @Test
  void sharedExpressionRollsIndependently() throws Exception {
    Dice dice = new Dice();
    DiceExpression e = dice.parse("4d6kh3 + 1d20");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          int checked = 0;
          for (int i = 0; i < 5_000; i++) {
            RollResult r = i % 2 == 0 ? e.roll() : dice.roll("4d6kh3 + 1d20");
            long kept = r.dice().stream().filter(d -> !d.has(DieMark.DROPPED)).mapToLong(DieRoll::value).sum();
            assertThat(r.dice()).hasSize(5);
            assertThat(r.total()).isEqualTo(kept);
            checked++;
          }
          return checked;
        }));
      }
      for (Future<Integer> f : futures) assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(5_000);
    } finally {
      pool.shutdownNow();
    }
  }
}
