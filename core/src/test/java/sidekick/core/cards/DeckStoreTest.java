package sidekick.core.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;

class DeckStoreTest extends DatabaseTestBase {
  DeckStore decks;

  @Override
  protected void opened() {
    decks = new DeckStore(db, Clock.systemUTC());
  }

  @Test
  void dealingTheWholeDeckGivesEveryCardOnceThenRunsOut() {
    List<Card> all = new ArrayList<>();
    DeckStore.Deal first = decks.deal("c1", 5, new SplittableRandom(1));
    assertThat(first.freshDeck()).isTrue();
    assertThat(first.remaining()).isEqualTo(47);
    all.addAll(first.cards());
    DeckStore.Deal rest = decks.deal("c1", 50, new SplittableRandom(2));
    assertThat(rest.freshDeck()).isFalse();
    assertThat(rest.cards()).hasSize(47);
    assertThat(rest.remaining()).isZero();
    all.addAll(rest.cards());
    assertThat(new HashSet<>(all)).hasSize(52).containsExactlyInAnyOrderElementsOf(Card.fullDeck());
    assertThat(decks.deal("c1", 1, new SplittableRandom(3)).cards()).isEmpty();
  }

  @Test
  void shuffleStartsAFreshDeckAndTheDeckPersists() {
    decks.deal("c1", 52, new SplittableRandom(1));
    decks.shuffle("c1", new SplittableRandom(9));
    assertThat(decks.remaining("c1")).contains(52);
    List<Card> top = decks.deal("c1", 3, new SplittableRandom(1)).cards();
    reopen();
    assertThat(decks.remaining("c1")).contains(49);
    assertThat(decks.deal("c1", 49, new SplittableRandom(1)).cards()).doesNotContainAnyElementsOf(top);
  }

  @Test
  void shufflesAreUniform() {
    // The ace of spades should land in each of the 52 places about equally often.
    int trials = 20_800;
    int[] place = new int[52];
    SplittableRandom random = new SplittableRandom(42);
    Card ace = Card.parse("AS");
    for (int t = 0; t < trials; t++) place[DeckStore.shuffled(random).indexOf(ace)]++;
    double expected = trials / 52.0, chi2 = 0;
    for (int n : place) chi2 += (n - expected) * (n - expected) / expected;
    // 51 degrees of freedom: the 99.9th percentile is about 87.
    assertThat(chi2).isLessThan(87);
  }

  @Test
  void cardCodesRoundTrip() {
    for (Card c : Card.fullDeck()) assertThat(Card.parse(c.code())).isEqualTo(c);
    assertThat(Card.parse("10H").display()).isEqualTo("10♥");
  }
}
