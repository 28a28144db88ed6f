package sidekick.dice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionTest {
  private final Dice dice = new Dice();

  @Test
  void threeD6IsExact() {
    Distribution d = dice.distribution("3d6");
    assertThat(d.exact()).isTrue();
    assertThat(d.min()).isEqualTo(3);
    assertThat(d.max()).isEqualTo(18);
    assertThat(d.probabilityOf(3)).isCloseTo(1.0 / 216, within(1e-15));
    assertThat(d.probabilityOf(10)).isCloseTo(27.0 / 216, within(1e-15));
    assertThat(d.mean()).isCloseTo(10.5, within(1e-12));
  }

  @Test
  void fourD6KeepHighestThree() {
    Distribution d = dice.distribution("4d6kh3");
    assertThat(d.probabilityOf(18)).isCloseTo(21.0 / 1296, within(1e-15));
    assertThat(d.probabilityOf(3)).isCloseTo(1.0 / 1296, within(1e-15));
    assertThat(d.mean()).isCloseTo(15869.0 / 1296, within(1e-12));
    double total = 0;
    for (int i = 0; i < d.size(); i++) total += d.probability(i);
    assertThat(total).isCloseTo(1, within(1e-12));
  }

  @Test
  void advantage() {
    Distribution d = dice.distribution("2d20kh1");
    assertThat(d.probabilityOf(20)).isCloseTo(39.0 / 400, within(1e-15));
    assertThat(d.probabilityOf(1)).isCloseTo(1.0 / 400, within(1e-15));
  }

  @Test
  void arithmeticDecimalsAndFunctions() {
    Distribution half = dice.distribution("1d6/2");
    assertThat(half.probabilityOf(0.5)).isCloseTo(1.0 / 6, within(1e-15));
    assertThat(dice.distribution("15/2").probabilityOf(7.5)).isEqualTo(1);
    assertThat(dice.distribution("max(1d6, 1d6)").probabilityOf(6)).isCloseTo(11.0 / 36, within(1e-15));
    assertThat(dice.distribution("floor(1d6/2)").probabilityOf(0)).isCloseTo(1.0 / 6, within(1e-15));
    assertThat(dice.distribution("1d6-1d6").mean()).isCloseTo(0, within(1e-12));
  }

  @Test
  void explodingIsCutOffBelowOneBillionth() {
    Distribution d = dice.distribution("10d10!>8");
    assertThat(d.exact()).isFalse();
    assertThat(d.cutOffMass()).isLessThan(Distribution.CUT_OFF).isGreaterThan(0);
    assertThat(d.mean()).isCloseTo(10 * 5.5 / 0.8, within(1e-6));
    assertThat(dice.distribution("1d6!").probabilityOf(6)).isEqualTo(0);
    assertThat(dice.distribution("1d6!").probabilityOf(7)).isCloseTo(1.0 / 36, within(1e-15));
  }

  @Test
  void rerollsAndSuccesses() {
    assertThat(dice.distribution("1d6r1").probabilityOf(1)).isEqualTo(0);
    assertThat(dice.distribution("1d6r1").probabilityOf(2)).isCloseTo(0.2, within(1e-15));
    assertThat(dice.distribution("1d6ro1").probabilityOf(1)).isCloseTo(1.0 / 36, within(1e-15));
    assertThat(dice.distribution("2d10>=7").probabilityOf(2)).isCloseTo(0.16, within(1e-15));
    assertThat(dice.distribution("1d10>=7f1").probabilityOf(-1)).isCloseTo(0.1, within(1e-15));
  }

  @Test
  void unsupportedMechanicsSaySo() {
    assertThatThrownBy(() -> dice.distribution("3d6!u")).isInstanceOf(DiceException.class).hasMessageContaining("unique dice that also explode");
    assertThatThrownBy(() -> dice.distribution("$x")).isInstanceOf(DiceException.class).hasMessageContaining("no saved roll named $x");
    assertThatThrownBy(() -> dice.distribution("{4d10*(2+5d6)}k2")).isInstanceOf(DiceException.class).hasMessageContaining("dice multiplied by dice");
    assertThatThrownBy(() -> dice.distribution("{4d6kh3+2d6}k3")).isInstanceOf(DiceException.class).hasMessageContaining("keeps or drops dice itself");
    assertThatThrownBy(() -> dice.distribution("1000d6kh999")).isInstanceOf(DiceException.class).hasMessageContaining("too complex");
    assertThatThrownBy(() -> dice.distribution("1/(1d2-1)")).isInstanceOf(DiceException.class).hasMessageContaining("division by zero");
    assertThatThrownBy(() -> dice.distribution("1000d1000000")).isInstanceOf(DiceException.class).hasMessageContaining("exact odds");
  }

  /** The roller and the exact odds must agree: the simulated mean lies within 5 standard errors. */
  @ParameterizedTest
  @ValueSource(strings = {
    "4d6kh3", "10d10!>8", "(2d6+3)*2", "1d20+5", "3d6!!", "2d6!p", "4dF", "4dF.1", "5d6r<3", "3d8ro1",
    "10d10>=7f1t10", "(1d4)d6", "3d(1d4+2)", "{4d6, 3d8}kh1", "{1d20, 1d20, 1d20}>10", "8d6dl2dh2",
    "4d6min2max5", "repeat(1d6, 1d3)", "1d6/2 + 1d4%3", "6d10!>=9>=8",
    "4d6!kh3", "5d10!>8dl2", "3d6!pkh2", "6d10!>=9>=8kh4", "4d6u", "5d10uo", "6d8u>4", "3d6ukh2", "20d100u",
    "{4d6+3d8}k4", "{2d6-1d6}kh2", "{2*3d6+1}dl1", "{4d6+1d6!}k3", "{4d6+3d8}k4>=20", "1000d6", "2d20kl1"})
  void rollerAndOddsAgree(String expr) {
    Distribution d = dice.distribution(expr);
    DiceExpression e = dice.parse(expr);
    RandomSource random = RandomSource.seeded(expr.hashCode());
    int n = 20_000;
    double sum = 0;
    for (int i = 0; i < n; i++) sum += e.roll(random).total();
    double se = Math.max(d.stdev(), 1e-9) / Math.sqrt(n);
    assertThat(sum / n).as(expr).isCloseTo(d.mean(), within(5 * se + 1e-9));
  }
}
