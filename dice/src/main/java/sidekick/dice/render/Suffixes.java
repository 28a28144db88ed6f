package sidekick.dice.render;

import static sidekick.dice.render.Marks.*;

/** The mechanic suffixes both styles share: {@code !} exploded, {@code !!} compounded, ... */
final class Suffixes {
  private Suffixes() {}

  static void append(StringBuilder out, int marks, String success, String failure) {
    if (has(marks, COMPOUNDED)) out.append("!!");
    else if (has(marks, EXPLODED)) out.append('!');
    if (has(marks, PENETRATED)) out.append('p');
    if (has(marks, CLAMPED_MIN)) out.append('^');
    if (has(marks, CLAMPED_MAX)) out.append('v');
    if (has(marks, DOUBLE_SUCCESS)) out.append(success).append(success);
    else if (has(marks, SUCCESS)) out.append(success);
    if (has(marks, FAILURE)) out.append(failure);
  }
}
