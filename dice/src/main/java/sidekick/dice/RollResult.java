package sidekick.dice;

import java.util.List;
import sidekick.dice.eval.Outcome;
import sidekick.dice.render.Numbers;
import sidekick.dice.render.Renderer;

/**
 * One roll of an expression: the total, its renderings and every die. Immutable and safe to share;
 * the renderings are built on first use.
 */
public final class RollResult {
  private final String expression;
  private final String comment;
  private final Outcome outcome;
  private String markdown;
  private String plain;

  /** Built by the engine ({@link DiceExpression#roll}); not meant to be called by users. */
  public RollResult(String expression, String comment, Outcome outcome) {
    this.expression = expression;
    this.comment = comment;
    this.outcome = outcome;
  }

  /** The expression text as written (without its {@code # comment}). */
  public String expression() {
    return expression;
  }

  /** The trailing {@code # comment}, trimmed, or "" if none. */
  public String comment() {
    return comment;
  }

  /** The total; decimal where the arithmetic made it so ({@code 15/2} is 7.5). */
  public double total() {
    return outcome.value();
  }

  /** True when {@link #total()} is a whole number (then JSON writes it as an integer). */
  public boolean isWhole() {
    return Numbers.isWhole(outcome.value());
  }

  /** The total as shown to people: {@code 14}, {@code 7.5}, {@code 0.3} (not 0.30000000000000004). */
  public String totalText() {
    return Numbers.format(outcome.value());
  }

  /** The total as a JSON-friendly number: a {@code Long} when whole, else a {@code Double}. */
  public Number totalNumber() {
    return Numbers.jsonNumber(outcome.value());
  }

  /** Discord Markdown: {@code 4d6kh3 (4, 4, **6**, ~~3~~) = `14`}. */
  public String markdown() {
    String m = markdown;
    if (m == null) markdown = m = Renderer.MARKDOWN.render(expression, comment, outcome);
    return m;
  }

  /** Appends {@link #markdown()} to {@code out}, without building it as a string when not built yet. */
  public void appendMarkdown(StringBuilder out) {
    if (markdown != null) out.append(markdown);
    else Renderer.MARKDOWN.render(out, comment, outcome);
  }

  /** Appends {@link #plain()} to {@code out}, without building it as a string when not built yet. */
  public void appendPlain(StringBuilder out) {
    if (plain != null) out.append(plain);
    else Renderer.PLAIN.render(out, comment, outcome);
  }

  /** Plain text for terminals: {@code 4d6kh3 (4, 4, 6, 3d) = 14}. */
  public String plain() {
    String p = plain;
    if (p == null) plain = p = Renderer.PLAIN.render(expression, comment, outcome);
    return p;
  }

  /** Every die rolled, in order, including dropped and rerolled ones (see {@link DieRoll#marks()}). */
  public List<DieRoll> dice() {
    return outcome.dice();
  }

  @Override
  public String toString() {
    return plain();
  }
}
