package sidekick.dice.render;

import static sidekick.dice.render.Marks.*;

/**
 * Discord Markdown: natural maximum and minimum (or {@code cs}/{@code cf} matches) in bold,
 * dropped and rerolled dice struck through, a suffix for what happened, the total in backticks.
 */
final class MarkdownStyle implements Style {
  @Override
  public void die(StringBuilder out, long value, int marks) {
    if ((marks & (NOT_COUNTED | CRITICAL_SUCCESS | CRITICAL_FAILURE)) == 0) {
      Numbers.appendWhole(out, value);
    } else {
      boolean struck = has(marks, NOT_COUNTED);
      boolean bold = has(marks, CRITICAL_SUCCESS | CRITICAL_FAILURE);
      // pairs of chars: cheaper than appending the two-character strings
      if (struck) out.append('~').append('~');
      if (bold) out.append('*').append('*');
      Numbers.appendWhole(out, value);
      if (bold) out.append('*').append('*');
      if (struck) out.append('~').append('~');
    }
    if (marks != 0) Suffixes.append(out, marks, "\\*", "\\_");
  }

  @Override
  public void item(StringBuilder out, double value, int marks) {
    boolean struck = has(marks, NOT_COUNTED);
    if (struck) out.append("~~");
    Numbers.append(out, value);
    if (struck) out.append("~~");
    Suffixes.append(out, marks, "\\*", "\\_");
  }

  @Override
  public void total(StringBuilder out, double value) {
    out.append('`');
    Numbers.append(out, value);
    out.append('`');
  }

  @Override
  public String text(String userText) {
    StringBuilder sb = new StringBuilder(userText.length() + 4);
    for (int i = 0; i < userText.length(); i++) {
      char c = userText.charAt(i);
      if ("\\*_~`|>[]()#".indexOf(c) >= 0) sb.append('\\');
      sb.append(c);
    }
    return sb.toString();
  }
}
