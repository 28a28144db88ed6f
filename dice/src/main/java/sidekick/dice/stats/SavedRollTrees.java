package sidekick.dice.stats;

import java.util.ArrayDeque;
import java.util.function.Function;
import sidekick.dice.DiceException;
import sidekick.dice.DiceExpression;
import sidekick.dice.SavedRolls;
import sidekick.dice.eval.Node;
import sidekick.dice.eval.SavedRollNode;

/**
 * Resolves {@code $name} for exact odds through the same {@link SavedRolls} the roller uses, with
 * the roller's rules and messages: an unknown name, an invalid saved expression, a cycle or a chain
 * deeper than the saved-roll depth limit is a {@link DiceException} at the reference.
 */
final class SavedRollTrees {
  private final SavedRolls saved;
  private final Function<String, DiceExpression> parser;
  private final int maxDepth;
  private final ArrayDeque<String> resolving = new ArrayDeque<>();

  SavedRollTrees(SavedRolls saved, Function<String, DiceExpression> parser, int maxDepth) {
    this.saved = saved;
    this.parser = parser;
    this.maxDepth = maxDepth;
  }

  /** Applies {@code f} to the saved roll's tree, with the reference on the resolving stack. */
  <T> T within(SavedRollNode ref, Function<Node, T> f) {
    String name = ref.name();
    String text = saved.lookup(name).orElseThrow(() -> new DiceException("there is no saved roll named $" + name, ref.position()));
    if (resolving.contains(name)) {
      StringBuilder chain = new StringBuilder();
      for (String n : resolving) chain.append('$').append(n).append(" -> ");
      throw new DiceException("saved roll $" + name + " refers to itself (" + chain + "$" + name + ")", ref.position());
    }
    if (resolving.size() >= maxDepth) throw new DiceException("saved rolls nest deeper than " + maxDepth, ref.position());
    DiceExpression expr;
    try {
      if (parser == null) throw new DiceException("no parser for saved rolls");
      expr = parser.apply(text);
    } catch (DiceException e) {
      throw new DiceException("saved roll $" + name + " is not a valid expression: " + e.getMessage(), ref.position());
    }
    resolving.addLast(name);
    try {
      return f.apply(expr.root());
    } catch (DiceException e) {
      String m = e.getMessage();
      throw new DiceException(m.startsWith("in $") || m.contains("refers to itself") ? m : "in $" + name + ": " + m, ref.position());
    } finally {
      resolving.removeLast();
    }
  }
}
