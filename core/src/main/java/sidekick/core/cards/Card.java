package sidekick.core.cards;

import java.util.ArrayList;
import java.util.List;

/** A playing card of the standard 52-card deck; {@link #code()} ("QH", "10S") is its stored form. */
public record Card(Rank rank, Suit suit) {

  public enum Suit {
    SPADES('S', "♠"),
    HEARTS('H', "♥"),
    DIAMONDS('D', "♦"),
    CLUBS('C', "♣");

    final char code;
    final String symbol;

    Suit(char code, String symbol) {
      this.code = code;
      this.symbol = symbol;
    }
  }

  public enum Rank {
    ACE("A"), TWO("2"), THREE("3"), FOUR("4"), FIVE("5"), SIX("6"), SEVEN("7"),
    EIGHT("8"), NINE("9"), TEN("10"), JACK("J"), QUEEN("Q"), KING("K");

    final String label;

    Rank(String label) {
      this.label = label;
    }
  }

  /** The 52 cards in a fixed (unshuffled) order. */
  public static List<Card> fullDeck() {
    List<Card> cards = new ArrayList<>(52);
    for (Suit s : Suit.values()) {
      for (Rank r : Rank.values()) cards.add(new Card(r, s));
    }
    return cards;
  }

  public String code() {
    return rank.label + suit.code;
  }

  /** How the card shows in chat: "Q♥". */
  public String display() {
    return rank.label + suit.symbol;
  }

  public static Card parse(String code) {
    if (code.length() < 2) throw new IllegalArgumentException("bad card code " + code);
    char s = code.charAt(code.length() - 1);
    String r = code.substring(0, code.length() - 1);
    for (Suit suit : Suit.values()) {
      if (suit.code != s) continue;
      for (Rank rank : Rank.values()) {
        if (rank.label.equals(r)) return new Card(rank, suit);
      }
    }
    throw new IllegalArgumentException("bad card code " + code);
  }
}
