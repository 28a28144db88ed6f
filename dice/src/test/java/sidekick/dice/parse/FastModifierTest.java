package sidekick.dice.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.jparsec.pattern.Pattern;
import org.jparsec.pattern.Patterns;
import org.junit.jupiter.api.Test;
import sidekick.dice.FuzzInputs;
import sidekick.dice.eval.Compare;
import sidekick.dice.eval.DiceMods;

/**
 * {@link FastModifier} is a hand-written loop for a pattern that reads naturally as jparsec
 * {@code Patterns}; this holds the two equal, character for character, and checks what it reads
 * from the text it matched. (FastPathTest checks the grammar built with it against the grammar
 * without any shortcut.)
 */
class FastModifierTest {
  /** The same pattern composed from jparsec's {@code Patterns}, as the grammar first wrote it. */
  private static final Pattern NUMBER = Patterns.sequence(Patterns.INTEGER, Patterns.FRACTION.optional());
  private static final Pattern OPERATOR = Patterns.or(Patterns.string(">="), Patterns.string("<="), Patterns.among("<>="));
  private static final Pattern COMPARE =
      Patterns.or(Patterns.sequence(OPERATOR, Patterns.isChar('-').optional(), NUMBER), NUMBER);
  private static final Pattern COMPOSED =
      Patterns.or(
          Patterns.sequence(Patterns.among("kKpPdD"), Patterns.among("hHlL").optional(), Patterns.many1(Character::isDigit)),
          Patterns.sequence(Patterns.isChar('!'), Patterns.among("!pP").optional(), COMPARE));

  private static final String[] SHAPES = {
    "kh3", "kl1", "k2", "KH10", "dl1", "d1", "dh", "ph2", "pL", "p", "k", "k٣", "kh٣", "!>8", "!>=9", "!<2", "!<=3", "!=6", "!6",
    "!>-1", "!>", "!>8.5", "!>8.", "!!>=5", "!p>9", "!P5", "!>=", "!=-", "!!", "!p", "!", "!>>8", "!=>8", "!<=-2.25", "!!!8",
    "!-3", "x", ""
  };

  @Test
  void matchesExactlyWhatTheComposedPatternMatches() {
    SplittableRandom random = new SplittableRandom(2026);
    int matched = 0;
    for (int i = 0; i < 40_000; i++) {
      String shape = SHAPES[random.nextInt(SHAPES.length)];
      String text = switch (i % 3) {
        case 0 -> shape + FuzzInputs.randomString(random);
        case 1 -> FuzzInputs.mutate(random, shape + "kh3");
        default -> FuzzInputs.randomString(random);
      };
      int from = random.nextInt(3) == 0 && !text.isEmpty() ? random.nextInt(text.length()) : 0;
      int end = from + random.nextInt(text.length() - from + 1);
      int expected = COMPOSED.match(text, from, end);
      assertThat(FastModifier.PATTERN.match(text, from, end)).as("<%s> [%d, %d)", text, from, end).isEqualTo(expected);
      if (expected != Pattern.MISMATCH) matched++;
    }
    assertThat(matched).isGreaterThan(5_000);
  }

  @Test
  void readsTheModifierItMatched() {
    DiceMods keep = FastModifier.alone(3, "4d6kh3", 3, 6);
    assertThat(keep.keepDrop).hasSize(1);
    assertThat(keep.keepDrop[0].keep()).isTrue();
    assertThat(keep.keepDrop[0].highest()).isTrue();
    assertThat(keep.keepDrop[0].count()).isEqualTo(3);
    assertThat(keep.isEmpty()).isFalse();

    DiceMods dropLow = FastModifier.alone(0, "dL12", 0, 4);
    assertThat(dropLow.keepDrop[0].keep()).isFalse();
    assertThat(dropLow.keepDrop[0].highest()).isFalse();
    assertThat(dropLow.keepDrop[0].count()).isEqualTo(12);

    DiceMods explode = FastModifier.alone(5, "10d10!>8 ", 5, 8);
    assertThat(explode.explode).isEqualTo(DiceMods.Explode.EXPLODE);
    assertThat(explode.explodeOn).isEqualTo(new Compare(Compare.Op.GT, 8));
    assertThat(explode.keepDrop).isEmpty();

    assertThat(FastModifier.alone(0, "!!<=-2.5", 0, 8).explode).isEqualTo(DiceMods.Explode.COMPOUND);
    assertThat(FastModifier.alone(0, "!!<=-2.5", 0, 8).explodeOn).isEqualTo(new Compare(Compare.Op.LE, -2.5));
    assertThat(FastModifier.alone(0, "!P6", 0, 3).explode).isEqualTo(DiceMods.Explode.PENETRATE);
    assertThat(FastModifier.alone(0, "!P6", 0, 3).explodeOn).isEqualTo(new Compare(Compare.Op.EQ, 6));
    assertThat(FastModifier.compare(">=7", 0, 3)).isEqualTo(new Compare(Compare.Op.GE, 7));
    assertThat(FastModifier.compare("x<3", 1, 3)).isEqualTo(new Compare(Compare.Op.LT, 3));
  }
}
