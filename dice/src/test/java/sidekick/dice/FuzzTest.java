package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: random strings over the notation's alphabet and mutations of valid expressions,
 * with a fixed seed. Each must give a result or a DiceException, never another exception, and the
 * whole run must finish in bounded time (no hang).
 */
class FuzzTest {
  private static final List<String> SEEDS =
      List.of(
          "4d6kh3", "1d20+5", "10d10!>8", "(2d6+3)*2", "{4d6, 3d8}kh1", "3d6 [fire] # hi", "repeat(3d6, 6, brief)",
          "1d6!!", "5d10>=7f1t10", "4d6r<3ro1", "4dF.1", "(1d4)d(2+4)", "max(1d4, 2, floor(7/2))", "2^-1**3", "$atk + 1",
          "20d6u", "4d6min2max5sa", "1d20cs>=19cf2", "d%", "8d6!p");
  private static final int CASES = 12_000;

  private final Dice dice = new Dice();
  private final SavedRolls saved = SavedRolls.of(java.util.Map.of("atk", "1d20+$atk2", "atk2", "3", "loop", "$loop"));

  @Test
  void anyInputGivesAResultOrTheEnginesError() {
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      SplittableRandom random = new SplittableRandom(20261122);
      int results = 0;
      int errors = 0;
      for (int i = 0; i < CASES; i++) {
        String input = i % 2 == 0 ? FuzzInputs.randomString(random) : FuzzInputs.mutate(random, SEEDS.get(random.nextInt(SEEDS.size())));
        try {
          RollResult r = dice.parse(input).roll(RandomSource.seeded(i), saved);
          assertThat(r.markdown()).isNotEmpty();
          assertThat(r.plain()).isNotEmpty();
          assertThat(Double.isFinite(r.total())).as(input).isTrue();
          results++;
        } catch (DiceException e) {
          assertThat(e.getMessage()).as(input).isNotBlank();
          assertThat(e.position()).as(input).isBetween(-1, Math.max(input.length(), DiceLimits.DEFAULTS.maxExpressionLength()));
          errors++;
        } catch (RuntimeException | StackOverflowError e) {
          fail("input <" + input + "> threw " + e, e);
        }
        try {
          dice.findInline(input + " and " + input);
        } catch (RuntimeException | StackOverflowError e) {
          fail("inline scan of <" + input + "> threw " + e, e);
        }
      }
      // the generator must actually reach valid expressions, not only errors
      assertThat(results).isGreaterThan(CASES / 20);
      assertThat(errors).isGreaterThan(CASES / 4);
    });
  }

  @Test
  void pathologicalInputs() {
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      List<String> nasty =
          List.of(
              "(".repeat(10_000), "-".repeat(10_000) + "1", "1" + "+1".repeat(240), "9".repeat(400) + "d6",
              "1d" + "9".repeat(400), "{".repeat(31) + "1" + "}".repeat(31), "[".repeat(40), "1d2!" , "1000d1000!>1",
              "1000d2r<2", "999d999u", "repeat(repeat(100d6, 100), 100)", "2^2^2^2^2^2^2^2", "10^308*10",
              "1d6" + "!".repeat(50), "$" + "a".repeat(600), "\u0000\uffff\ud800", "1d20 # " + "x".repeat(100_000),
              "max(" + "1,".repeat(200) + "1)");
      for (String input : nasty) {
        try {
          dice.parse(input).roll(RandomSource.seeded(1), saved);
        } catch (DiceException e) {
          assertThat(e.getMessage()).isNotBlank();
        }
        dice.findInline(input);
      }
    });
  }
}
