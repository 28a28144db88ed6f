package sidekick.dice.parse;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import sidekick.dice.DiceExpression;

/**
 * A bounded, thread-safe cache of parsed expressions. Two generations approximate LRU without a
 * lock on the read path: hits come from the current map (or are promoted from the previous one);
 * when the current map fills up it becomes the previous one and the oldest generation is dropped.
 * At most {@code 2 * capacity} entries are held.
 */
public final class ParseCache {
  private final int capacity;
  private volatile ConcurrentHashMap<String, DiceExpression> current = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<String, DiceExpression> previous = new ConcurrentHashMap<>();

  public ParseCache(int capacity) {
    this.capacity = capacity;
  }

  public DiceExpression get(String text, Function<String, DiceExpression> parse) {
    if (capacity == 0) return parse.apply(text);
    DiceExpression hit = current.get(text);
    if (hit != null) return hit;
    hit = previous.get(text);
    if (hit == null) hit = parse.apply(text); // errors are thrown, never cached
    put(text, hit);
    return hit;
  }

  /** The cached expression for exactly this text, or null; never parses. */
  public DiceExpression peek(String text) {
    if (capacity == 0) return null;
    DiceExpression hit = current.get(text);
    if (hit != null) return hit;
    hit = previous.get(text);
    if (hit != null) put(text, hit);
    return hit;
  }

  /** Caches an expression parsed elsewhere (the inline finder's prefix parse of a whole candidate). */
  public void offer(String text, DiceExpression expr) {
    if (capacity > 0) put(text, expr);
  }

  private void put(String text, DiceExpression expr) {
    ConcurrentHashMap<String, DiceExpression> cur = current;
    if (cur.size() >= capacity) {
      synchronized (this) {
        if (current == cur) {
          previous = cur;
          current = cur = new ConcurrentHashMap<>();
        } else {
          cur = current;
        }
      }
    }
    cur.put(text, expr);
  }

  /** Entries held now (both generations); for tests and metrics. */
  public int size() {
    return current.size() + previous.size();
  }
}
