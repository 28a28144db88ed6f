package sidekick.core.command;

import java.util.ArrayList;
import java.util.List;
import sidekick.core.RollResult;
import sidekick.core.events.EventLog.NewEvent;

/**
 * What handling a message produced: the reply (null: not for the bot), the rolls in it, whether it is
 * for the sender only, and events to log with it (saved-roll changes).
 */
final class Outcome {
  final String reply;
  final List<RollResult> rolls = new ArrayList<>();
  final List<NewEvent> events = new ArrayList<>();
  boolean ephemeral;
  /** Whether plugs' {@code before_reply} hooks may change it (not for management answers). */
  boolean hookable = true;

  Outcome(String reply) {
    this.reply = reply;
  }

  static Outcome none() {
    return new Outcome(null);
  }

  static Outcome reply(String reply) {
    return new Outcome(reply);
  }

  /** A management answer: plugs never see or change it. */
  static Outcome system(String reply) {
    Outcome o = new Outcome(reply);
    o.hookable = false;
    return o;
  }

  Outcome withRolls(List<RollResult> r) {
    rolls.addAll(r);
    return this;
  }

  Outcome withEvent(NewEvent e) {
    events.add(e);
    return this;
  }
}
