package sidekick.dice.parse;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jparsec.error.ParseErrorDetails;
import org.jparsec.error.ParserException;
import sidekick.dice.DiceException;

/** Turns jparsec's error details into a sentence: what was expected, what was found, where. */
final class ParseErrors {
  private ParseErrors() {}

  static DiceException toDiceException(ParserException e, String text) {
    ParseErrorDetails d = e.getErrorDetails();
    int index = d == null ? -1 : Math.min(d.getIndex(), text.length());
    if (index < 0) return new DiceException("this is not a dice expression", -1);
    if (d.getFailureMessage() != null) return new DiceException(d.getFailureMessage(), index);
    String found = index >= text.length() ? "the end of the expression" : "'" + codePointAt(text, index) + "'";
    String expected = expectedList(d.getExpected(), index >= text.length());
    String message =
        expected.isEmpty()
            ? "unexpected " + found + " at position " + index
            : "expected " + expected + " at position " + index + ", found " + found;
    return new DiceException(message, index);
  }

  private static String codePointAt(String text, int index) {
    return new String(Character.toChars(text.codePointAt(index)));
  }

  private static String expectedList(List<String> raw, boolean atEnd) {
    Set<String> names = new LinkedHashSet<>();
    for (String r : raw) {
      if (r == null || r.isEmpty()) continue;
      if (r.equals("EOF")) {
        names.add(atEnd ? "more" : "an operator or the end of the expression");
        continue;
      }
      names.add(r);
    }
    names.remove("more");
    // the term's own label already says "a number"; do not say it twice
    if (names.stream().anyMatch(n -> n.startsWith("a number,"))) names.remove("a number");
    if (names.isEmpty()) return "";
    List<String> list = List.copyOf(names);
    if (list.size() == 1) return list.get(0);
    return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
  }
}
