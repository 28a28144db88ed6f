package sidekick.core.cards;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import sidekick.core.db.Database;

/**
 * One deck of cards per channel, persisted in dealing order: {@code /r shuffle} makes a fresh shuffled
 * deck, {@code /r deal N} takes cards from the top. A channel that never shuffled gets a shuffled deck
 * at its first deal.
 */
public final class DeckStore {
  public static final int DECK_SIZE = 52;

  /** The cards dealt (fewer than asked when the deck ran out) and how many remain. */
  public record Deal(List<Card> cards, int remaining, boolean freshDeck) {}

  private final Database db;
  private final Clock clock;

  public DeckStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Replaces the channel's deck by a full shuffled one. */
  public void shuffle(String channel, RandomGenerator random) {
    List<Card> cards = shuffled(random);
    db.write(s -> s.update("INSERT INTO decks (channel, cards, shuffled_at) VALUES (?, ?, ?)"
        + " ON CONFLICT(channel) DO UPDATE SET cards = excluded.cards, shuffled_at = excluded.shuffled_at",
        channel, encode(cards), clock.millis()));
  }

  /** Deals {@code n} cards from the top of the channel's deck, in one transaction. */
  public Deal deal(String channel, int n, RandomGenerator random) {
    return db.write(s -> {
      List<Card> deck;
      boolean fresh = false;
      try (ResultSet rs = s.query("SELECT cards FROM decks WHERE channel = ?", channel)) {
        deck = rs.next() ? decode(rs.getString(1)) : null;
      }
      if (deck == null) {
        deck = shuffled(random);
        fresh = true;
      }
      int take = Math.min(n, deck.size());
      List<Card> dealt = List.copyOf(deck.subList(0, take));
      List<Card> rest = deck.subList(take, deck.size());
      s.update("INSERT INTO decks (channel, cards, shuffled_at) VALUES (?, ?, ?)"
          + " ON CONFLICT(channel) DO UPDATE SET cards = excluded.cards",
          channel, encode(rest), clock.millis());
      return new Deal(dealt, rest.size(), fresh);
    });
  }

  /** Cards left in the channel's deck, or empty when it has none yet. */
  public Optional<Integer> remaining(String channel) {
    return db.read(s -> {
      try (ResultSet rs = s.query("SELECT cards FROM decks WHERE channel = ?", channel)) {
        return rs.next() ? Optional.of(decode(rs.getString(1)).size()) : Optional.<Integer>empty();
      }
    });
  }

  static List<Card> shuffled(RandomGenerator random) {
    List<Card> cards = Card.fullDeck();
    // Fisher-Yates with the given generator (Collections.shuffle needs a java.util.Random).
    for (int i = cards.size() - 1; i > 0; i--) Collections.swap(cards, i, random.nextInt(i + 1));
    return cards;
  }

  private static String encode(List<Card> cards) {
    StringBuilder sb = new StringBuilder();
    for (Card c : cards) {
      if (sb.length() > 0) sb.append(',');
      sb.append(c.code());
    }
    return sb.toString();
  }

  private static List<Card> decode(String s) {
    if (s.isEmpty()) return new ArrayList<>();
    List<Card> out = new ArrayList<>();
    for (String code : Arrays.asList(s.split(","))) out.add(Card.parse(code));
    return out;
  }
}
