package sidekick.dice.render;

/** The two ways a roll is written: Discord Markdown and plain text for terminals. */
public interface Style {
  /** Appends one die: its value with the marks this style shows (bit set of DieMark ordinals). */
  void die(StringBuilder out, long value, int marks);

  /** Appends a group member's total with its marks (dropped, success, ...). */
  void item(StringBuilder out, double value, int marks);

  /** Appends a total. */
  void total(StringBuilder out, double value);

  /** Escapes user text (labels, comments) so it cannot break the formatting. */
  String text(String userText);
}
