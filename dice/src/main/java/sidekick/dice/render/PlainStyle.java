package sidekick.dice.render;

import static sidekick.dice.render.Marks.*;

/** Plain text for terminals: each die with letter suffixes ({@code 3d} dropped, {@code 1r} rerolled). */
final class PlainStyle implements Style {
  @Override
  public void die(StringBuilder out, long value, int marks) {
    Numbers.appendWhole(out, value);
    if (has(marks, DROPPED)) out.append('d');
    if (has(marks, REROLLED)) out.append('r');
    Suffixes.append(out, marks, "*", "_");
  }

  @Override
  public void item(StringBuilder out, double value, int marks) {
    Numbers.append(out, value);
    if (has(marks, DROPPED)) out.append('d');
    Suffixes.append(out, marks, "*", "_");
  }

  @Override
  public void total(StringBuilder out, double value) {
    Numbers.append(out, value);
  }

  @Override
  public String text(String userText) {
    return userText;
  }
}
