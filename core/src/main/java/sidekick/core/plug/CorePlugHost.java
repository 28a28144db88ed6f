package sidekick.core.plug;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.saved.SavedRollResolver;
import sidekick.dice.Dice;
import sidekick.dice.DiceException;
import sidekick.dice.RollResult;
import sidekick.core.util.Randomness;
import sidekick.plugs.LogLevel;
import sidekick.plugs.PlugHost;

/**
 * The host functions plugs call: {@code roll} uses the dice engine with the command's saved rolls,
 * {@code saved_roll} looks a saved roll up for the command's user in its channel. Plug logs go to the
 * {@code sidekick.plug} logger (never to the user).
 */
public final class CorePlugHost implements PlugHost {
  private static final Logger plugLog = LoggerFactory.getLogger("sidekick.plug");

  private final Dice dice;
  private final SavedRollResolver saved;
  private final Randomness random;

  public CorePlugHost(Dice dice, SavedRollResolver saved, Randomness random) {
    this.dice = dice;
    this.saved = saved;
    this.random = random;
  }

  @Override
  public RollAnswer roll(PlugCallContext context, String expr) {
    if (expr == null || expr.isBlank()) return RollAnswer.error("roll needs an expression");
    try {
      RollResult r = dice.roll(expr, random.source(),
          saved.forUser(context.channel(), context.input().user()));
      return RollAnswer.ok(r.totalNumber(), r.markdown());
    } catch (DiceException e) {
      return RollAnswer.error(e.getMessage());
    }
  }

  @Override
  public SavedRollAnswer savedRoll(PlugCallContext context, String name) {
    if (name == null || name.isBlank()) return SavedRollAnswer.error("saved_roll needs a name");
    String bare = name.startsWith("$") ? name.substring(1) : name;
    return saved.forUser(context.channel(), context.input().user()).lookup(bare)
        .map(SavedRollAnswer::ok)
        .orElseGet(() -> SavedRollAnswer.error("no saved roll named $" + bare));
  }

  @Override
  public void log(PlugCallContext context, LogLevel level, String message) {
    if (!plugLog.isDebugEnabled() && level.ordinal() < LogLevel.WARN.ordinal()) return;
    String line = "[" + context.channel() + "/" + context.plugName() + "] " + message;
    switch (level) {
      case ERROR -> plugLog.error("{}", line);
      case WARN -> plugLog.warn("{}", line);
      case INFO -> plugLog.info("{}", line);
      default -> plugLog.debug("{}", line);
    }
  }
}
