package sidekick.dice.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import sidekick.dice.DiceException;
import sidekick.dice.DiceLimits;
import sidekick.dice.RandomSource;
import sidekick.dice.SavedRolls;

/**
 * The roller's tight loop for plain and exploding dice ({@link DiceMods#plainFaces()}) must roll
 * exactly what its general loop rolls: the same faces from the same random numbers, the same marks,
 * the same dice-limit error. Compared on fixed seeds.
 */
class DiceRollerTest {
  private static final Compare ABOVE_8 = new Compare(Compare.Op.GT, 8);

  @Test
  void theTightLoopRollsWhatTheGeneralLoopRolls() {
    List<DiceMods> plain =
        List.of(
            DiceMods.NONE,
            DiceMods.keeping(new KeepDrop(true, true, 3)),
            DiceMods.exploding(DiceMods.Explode.EXPLODE, null),
            DiceMods.exploding(DiceMods.Explode.EXPLODE, ABOVE_8),
            DiceMods.exploding(DiceMods.Explode.EXPLODE, new Compare(Compare.Op.LE, 2)),
            DiceMods.exploding(DiceMods.Explode.EXPLODE, new Compare(Compare.Op.GE, 9.5)),
            DiceMods.exploding(DiceMods.Explode.EXPLODE, new Compare(Compare.Op.LT, 0.5)),
            DiceMods.exploding(DiceMods.Explode.EXPLODE, new Compare(Compare.Op.EQ, 1)),
            DiceMods.exploding(DiceMods.Explode.EXPLODE, new Compare(Compare.Op.EQ, 5.5)),
            new DiceMods.Builder().success(new Compare(Compare.Op.GE, 5)).explode(DiceMods.Explode.EXPLODE, null, 0).build(),
            new DiceMods.Builder().sort(DiceMods.Sort.DESCENDING, 0).keepDrop(new KeepDrop(false, false, 1)).build());
    List<Faces> kinds = List.of(Faces.numbered(2), Faces.numbered(6), Faces.numbered(10), Faces.numbered(20), Faces.numbered(100), Faces.FUDGE, Faces.FUDGE_1);
    int compared = 0;
    for (DiceMods mods : plain) {
      assertThat(mods.plainFaces()).as("%s", mods).isTrue();
      for (Faces faces : kinds) {
        if (explodesForever(mods, faces)) continue;
        for (int count : new int[] {1, 4, 10, 60}) {
          for (long seed = 1; seed <= 40; seed++) {
            assertThat(roll(faces, mods, count, seed, true)).isEqualTo(roll(faces, mods, count, seed, false));
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(1_000);
  }

  @Test
  void theTightLoopStopsAtTheDiceLimitAsTheGeneralLoopDoes() {
    DiceMods mods = DiceMods.exploding(DiceMods.Explode.EXPLODE, new Compare(Compare.Op.GT, 1));
    String tight = roll(Faces.numbered(10), mods, 200, 7, true);
    assertThat(tight).startsWith("error at 3: too many dice").isEqualTo(roll(Faces.numbered(10), mods, 200, 7, false));
  }

  @Test
  void modifiersThatChangeFacesTakeTheGeneralLoop() {
    assertThat(new DiceMods.Builder().clampMin(2, 0).build().plainFaces()).isFalse();
    assertThat(new DiceMods.Builder().reroll(false, new Compare(Compare.Op.EQ, 1), 0).build().plainFaces()).isFalse();
    assertThat(new DiceMods.Builder().unique(false, null, 0).build().plainFaces()).isFalse();
    assertThat(new DiceMods.Builder().critSuccess(new Compare(Compare.Op.GE, 19), 0).build().plainFaces()).isFalse();
    assertThat(DiceMods.exploding(DiceMods.Explode.COMPOUND, null).plainFaces()).isFalse();
    assertThat(DiceMods.exploding(DiceMods.Explode.PENETRATE, null).plainFaces()).isFalse();
  }

  @Test
  void aComparePointsWholeRangeHoldsExactlyTheWholeNumbersItMatches() {
    double[] values = {-1e300, -5e9, -2.5, -1, -0.0, 0, 0.5, 1, 5.5, 8, 20, 5e9, 1e300};
    for (Compare.Op op : Compare.Op.values()) {
      for (double value : values) {
        Compare c = new Compare(op, value);
        for (int face = -3; face <= 25; face++) {
          assertThat(face >= c.lowestWhole() && face <= c.highestWhole()).as("%s on %d", c, face).isEqualTo(c.matches(face));
        }
        for (int face : new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}) {
          assertThat(face >= c.lowestWhole() && face <= c.highestWhole()).as("%s on %d", c, face).isEqualTo(c.matches(face));
        }
      }
    }
  }

  private static boolean explodesForever(DiceMods mods, Faces faces) {
    try {
      mods.checkCanStop(faces, 1, 0);
      return false;
    } catch (DiceException e) {
      return true;
    }
  }

  private static String roll(Faces faces, DiceMods mods, int count, long seed, boolean tight) {
    RollContext ctx = new RollContext(RandomSource.seeded(seed), SavedRolls.NONE, DiceLimits.DEFAULTS, null);
    try {
      DieBuffer dice = new DiceRoller(faces, mods, ctx, 3).roll(count, tight);
      return Arrays.toString(Arrays.copyOf(dice.values, dice.size)) + " " + Arrays.toString(Arrays.copyOf(dice.marks, dice.size))
          + " " + ctx.diceRolled();
    } catch (DiceException e) {
      return "error at " + e.position() + ": " + e.getMessage() + " after " + ctx.diceRolled();
    }
  }
}
