package sidekick.dice;

/**
 * The one exception the dice engine throws: a bad expression, a broken limit, an impossible
 * mechanic. The message is plain words for the user; {@link #position()} is the 0-based UTF-16
 * index into the expression text where the problem is, or -1 when no single place is to blame.
 */
public final class DiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int position;

  public DiceException(String message, int position) {
    super(message, null, false, false);
    this.position = Math.max(-1, position);
  }

  public DiceException(String message) {
    this(message, -1);
  }

  /** 0-based index into the expression text, or -1 when unknown. */
  public int position() {
    return position;
  }

  public boolean hasPosition() {
    return position >= 0;
  }

  /** A copy whose position is shifted by {@code offset} (an expression found inside longer text). */
  public DiceException shifted(int offset) {
    return hasPosition() ? new DiceException(getMessage(), position + offset) : this;
  }
}
