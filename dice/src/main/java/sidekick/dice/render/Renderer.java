package sidekick.dice.render;

import sidekick.dice.eval.Outcome;

/** Writes a whole roll: the parts, {@code = total}, and the comment. */
public final class Renderer {
  public static final Renderer MARKDOWN = new Renderer(new MarkdownStyle());
  public static final Renderer PLAIN = new Renderer(new PlainStyle());

  private final Style style;

  private Renderer(Style style) {
    this.style = style;
  }

  public Style style() {
    return style;
  }

  public String render(String expression, String comment, Outcome outcome) {
    StringBuilder out = new StringBuilder(expression.length() * 3 + 16);
    render(out, comment, outcome);
    return out.toString();
  }

  /** Appends what {@link #render} returns to {@code out}, without a string of its own. */
  public void render(StringBuilder out, String comment, Outcome outcome) {
    outcome.render(out, style);
    if (!outcome.showsOwnTotal()) {
      out.append(' ').append('=').append(' '); // chars: cheaper than a string append
      style.total(out, outcome.value());
    }
    if (!comment.isEmpty()) out.append(" — ").append(style.text(comment));
  }
}
