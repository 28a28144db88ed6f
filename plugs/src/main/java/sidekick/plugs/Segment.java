package sidekick.plugs;

import java.util.Objects;

/**
 * A piece of a command's text. A final segment is never changed again: not by a later plug, not by
 * saved-roll substitution, not by standard dice notation.
 */
public record Segment(String text, boolean isFinal) {
  public Segment {
    Objects.requireNonNull(text, "text");
  }

  public static Segment open(String text) {
    return new Segment(text, false);
  }

  public static Segment fixed(String text) {
    return new Segment(text, true);
  }
}
