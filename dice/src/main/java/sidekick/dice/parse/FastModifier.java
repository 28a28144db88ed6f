package sidekick.dice.parse;

import org.jparsec.pattern.Pattern;
import sidekick.dice.eval.Compare;
import sidekick.dice.eval.DiceMods;
import sidekick.dice.eval.DiceMods.Explode;
import sidekick.dice.eval.KeepDrop;

/**
 * The commonest modifiers as one jparsec {@link Pattern} step each, written out as a loop over the
 * characters: a keep/drop with its count ({@code kh3}, {@code k2}, {@code dl1}, {@code d1}, {@code
 * ph2}) and an explosion with its compare point ({@code !>8}, {@code !!=6}, {@code !p>=9}); and
 * the reading of what it matched, straight from the source text (no substring per part).
 *
 * <p>Why by hand: composed from {@code Patterns} this was a tree of about ten patterns, each a
 * virtual call, taken by every die with a modifier (inside {@link OperandPattern} too). Without a
 * count or compare point the modifiers take the step-by-step parsers, which also note for error
 * messages what could have followed. {@code FastPathTest} holds the grammar with these shortcuts
 * equal to the grammar without them.
 */
final class FastModifier extends Pattern {
  static final FastModifier PATTERN = new FastModifier();
  private static final AsciiSet KEEP_DROP = new AsciiSet("kKpPdD");
  private static final AsciiSet HIGH_LOW = new AsciiSet("hHlL");

  private FastModifier() {}

  @Override
  public int match(CharSequence src, int begin, int end) {
    int after = end(src, begin, end);
    return after == MISMATCH ? MISMATCH : after - begin;
  }

  /** Where a fast modifier starting at {@code at} ends; else MISMATCH. */
  static int end(CharSequence src, int at, int end) {
    if (at >= end) return MISMATCH;
    char first = src.charAt(at++);
    if (first == '!') {
      if (at < end && isExplodeKind(src.charAt(at))) at++;
      return compareEnd(src, at, end);
    }
    if (!KEEP_DROP.contains(first)) return MISMATCH;
    if (at < end && HIGH_LOW.contains(src.charAt(at))) at++;
    int digits = at;
    while (at < end && Character.isDigit(src.charAt(at))) at++;
    return at == digits ? MISMATCH : at;
  }

  /**
   * Where a compare point starting at {@code at} ends ({@code >=7}, {@code <-1}, {@code 6}: an
   * operator, an optional minus and a number, or a bare number); else MISMATCH.
   */
  static int compareEnd(CharSequence src, int at, int end) {
    int k = operatorEnd(src, at, end);
    if (k == at) return OperandPattern.decimalEnd(src, at, end);
    if (k < end && src.charAt(k) == '-') k++;
    return OperandPattern.decimalEnd(src, k, end);
  }

  /** After {@code >= <= > < =} at {@code at} (the two-character ones first); {@code at} if none. */
  private static int operatorEnd(CharSequence src, int at, int end) {
    if (at >= end) return at;
    char c = src.charAt(at);
    if (c == '>' || c == '<') return at + 1 < end && src.charAt(at + 1) == '=' ? at + 2 : at + 1;
    return c == '=' ? at + 1 : at;
  }

  private static boolean isExplodeKind(char c) {
    return c == '!' || c == 'p' || c == 'P';
  }

  /** The modifier matched at {@code text[from, to)}, written at {@code position}, for a builder. */
  static Mod mod(int position, String text, int from, int to) {
    if (text.charAt(from) == '!') {
      Explode kind = explodeKind(text, from, to);
      Compare on = compare(text, from + spelling(kind), to);
      return (b, min) -> b.explode(kind, on, position);
    }
    KeepDrop kd = keepDrop(position, text, from, to);
    return (b, min) -> b.keepDrop(kd);
  }

  /** The modifiers of a term whose only modifier is the one matched at {@code text[from, to)}. */
  static DiceMods alone(int position, String text, int from, int to) {
    if (text.charAt(from) == '!') {
      Explode kind = explodeKind(text, from, to);
      return DiceMods.exploding(kind, compare(text, from + spelling(kind), to));
    }
    return DiceMods.keeping(keepDrop(position, text, from, to));
  }

  /** The explosion spelled at the start of {@code text[from, to)}: {@code !}, {@code !!}, {@code !p}. */
  static Explode explodeKind(String text, int from, int to) {
    if (from + 1 == to) return Explode.EXPLODE;
    char second = text.charAt(from + 1);
    return second == '!' ? Explode.COMPOUND : second == 'p' || second == 'P' ? Explode.PENETRATE : Explode.EXPLODE;
  }

  private static int spelling(Explode kind) {
    return kind == Explode.EXPLODE ? 1 : 2;
  }

  private static KeepDrop keepDrop(int position, String text, int from, int to) {
    char first = text.charAt(from);
    char second = text.charAt(from + 1);
    boolean twoLetters = HIGH_LOW.contains(second);
    boolean keep = first == 'k' || first == 'K';
    boolean highest = twoLetters ? second == 'h' || second == 'H' : keep;
    int letters = twoLetters ? 2 : 1;
    int count = Literals.smallInt(text, from + letters, to, "a keep/drop count", position + letters);
    return new KeepDrop(keep, highest, count);
  }

  /** The compare point written at {@code text[from, to)}: {@code >=7}, {@code <-1}, {@code 6}. */
  static Compare compare(String text, int from, int to) {
    int k = operatorEnd(text, from, to);
    Compare.Op op = k == from ? Compare.Op.EQ : compareOp(text, from, k);
    boolean negative = k < to && text.charAt(k) == '-';
    double value = Literals.number(text, negative ? k + 1 : k, to);
    return new Compare(op, negative ? -value : value);
  }

  /** The operator written at {@code text[from, to)}: {@code >= <= > < =}. */
  static Compare.Op compareOp(String text, int from, int to) {
    char c = text.charAt(from);
    if (to - from == 2) return c == '>' ? Compare.Op.GE : Compare.Op.LE;
    return c == '>' ? Compare.Op.GT : c == '<' ? Compare.Op.LT : Compare.Op.EQ;
  }
}
