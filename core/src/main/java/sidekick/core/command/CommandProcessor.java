package sidekick.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.CoreConfig;
import sidekick.core.CoreException;
import sidekick.core.PlugInfo;
import sidekick.core.PlugUpload;
import sidekick.core.RollResult;
import sidekick.core.cards.DeckStore;
import sidekick.core.channel.ChannelSettings;
import sidekick.core.events.EventFields;
import sidekick.core.events.EventLog;
import sidekick.core.events.EventLog.NewEvent;
import sidekick.core.plug.ChainFallback;
import sidekick.core.plug.PlugService;
import sidekick.core.saved.SavedRollResolver;
import sidekick.core.saved.SavedRollStore;
import sidekick.core.util.Futures;
import sidekick.core.saved.SavedRollStore.SavedRoll;
import sidekick.core.saved.SavedRollStore.Scope;
import sidekick.core.stats.OddsReport;
import sidekick.core.util.Randomness;
import sidekick.dice.Dice;
import sidekick.dice.DiceException;
import sidekick.dice.DiceExpression;
import sidekick.dice.Distribution;
import sidekick.dice.InlineMatch;
import sidekick.dice.SavedRolls;
import sidekick.plugs.ChainResult;
import sidekick.plugs.ChannelPlugs;
import sidekick.plugs.CommandInput;
import sidekick.plugs.Segment;
import sidekick.plugs.exec.PlugWorkers;

/**
 * The pipeline every message goes through. Management commands ({@code plug}, {@code bind},
 * {@code unbind}, {@code inline}, {@code help}) are answered by the core alone, so a broken plug can
 * always be removed. Everything else goes through the channel's plugs first; what they leave non-final
 * gets saved-roll substitution and dice. The reply, its rolls and its events are logged together.
 */
public final class CommandProcessor {
  private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
  /** {@code $name} in chat text, not part of a longer word or a price like {@code $5}. */
  private static final Pattern SAVED_REF = Pattern.compile("(?<![\\w$\\[])\\$([A-Za-z][A-Za-z0-9_]*)\\b");

  /** A lone word after the prefix that is no expression: most likely a mistyped command. */
  private static final Pattern BARE_WORD = Pattern.compile("[A-Za-z]{2,20}");

  private final CoreConfig config;
  private final CommandParser parser;
  private final Dice dice;
  private final SavedRollStore saved;
  private final SavedRollResolver resolver;
  private final DeckStore decks;
  private final ChannelSettings settings;
  private final PlugService plugs;
  private final EventLog events;
  private final Randomness random;
  private final ChannelActions actions;
  private final ChainFallback fallback;

  public CommandProcessor(CoreConfig config, Dice dice, SavedRollStore saved, DeckStore decks,
      ChannelSettings settings, PlugService plugs, EventLog events, Randomness random, ChannelActions actions,
      ChainFallback fallback) {
    this.config = config;
    this.parser = new CommandParser(config.prefixes());
    this.dice = dice;
    this.saved = saved;
    this.resolver = new SavedRollResolver(saved);
    this.decks = decks;
    this.settings = settings;
    this.plugs = plugs;
    this.events = events;
    this.random = random;
    this.actions = actions;
    this.fallback = fallback;
  }

  /** Who sent a message and what they may do. */
  public record Sender(CommandRequest request, boolean canManage, boolean fromApp) {
    String channel() {
      return request.channel();
    }

    String user() {
      return request.user();
    }

    String displayName() {
      String n = request.userName();
      return n == null || n.isBlank() ? request.user() : n;
    }
  }

  /** The blocking entry (a worker's): whatever the command needs, waiting for the channel's plugs. */
  public CommandReply handle(Sender sender) {
    long start = System.nanoTime();
    events.head(sender.channel()); // loads the channel's feed, so its next commands can be quick
    return Futures.join(handle(sender, parser.parse(sender.request().text()), start, true));
  }

  /**
   * The reply when the message needs nothing that can block: no plug in the channel, no saved roll,
   * nothing to load, nothing to write but the event log (whose writer has room); else null, and the
   * caller runs {@link #handle} where blocking is allowed. Pure CPU work, fit for a network event
   * loop: a dice roll, chat with or without inline rolls, help, a malformed command.
   */
  public CommandReply handleIfQuick(Sender sender) {
    long start = System.nanoTime();
    CommandRequest req = sender.request();
    if (req.text().indexOf('$') >= 0 || !plugs.knownToHaveNone(req.channel())) return null;
    Command command = parser.parse(req.text());
    if (!quick(req.channel(), command, false)) return null;
    return Futures.join(handle(sender, command, start, false));
  }

  /**
   * Like {@link #handleIfQuick}, and for a channel whose plugs are loaded also the commands that
   * need nothing blocking but the plugs: the chain is handed to a plug worker, which then finishes
   * the command (its roll, its events) and completes the answer, so no thread waits for the chain.
   * Null when the command needs something that blocks first: run {@link #handle} on a worker.
   */
  public CompletableFuture<CommandReply> handleWithoutBlocking(Sender sender) {
    long start = System.nanoTime();
    CommandRequest req = sender.request();
    int plugCount = plugs.loadedCount(req.channel());
    if (req.text().indexOf('$') >= 0 || plugCount < 0) return null;
    Command command = parser.parse(req.text());
    return quick(req.channel(), command, plugCount > 0) ? handle(sender, command, start, false) : null;
  }

  /**
   * A command that is pure CPU work in a loaded channel whose event writer has room. {@code
   * afterPlugs}: it is handled on a plug worker after the channel's plugs, where reading the
   * channel's settings once is allowed.
   */
  private boolean quick(String channel, Command command, boolean afterPlugs) {
    boolean quick = command instanceof Command.Roll || command instanceof Command.Help
        || command instanceof Command.Malformed
        || (command instanceof Command.Chat && (afterPlugs || settings.inlineRollsIfCached(channel) != null));
    return quick && events.appendsWithoutWaiting(channel, config.diceLimits().maxInlineRolls() + 1);
  }

  /**
   * Handles a parsed command. Without plugs (or for a management command) the answer is complete
   * when this returns; with plugs it completes on the plug worker that ran the chain (or at once
   * when the chain had nothing to run). {@code callerMayBlock}: whether what follows the chain may run
   * on the calling thread when the chain is done before this returns (not on an event loop: a
   * plug's rewrite may need saved rolls from the database).
   */
  private CompletableFuture<CommandReply> handle(Sender sender, Command command, long start, boolean callerMayBlock) {
    CommandRequest req = sender.request();
    if (isManagement(command)) return CompletableFuture.completedFuture(finish(sender, manage(sender, command), start));
    if (!plugs.hasPlugs(req.channel())) {
      return CompletableFuture.completedFuture(finish(sender, standard(sender, command), start));
    }
    CommandInput input = CommandInput.of(req.text(), req.channel(), req.server(), req.user(), sender.displayName());
    ChannelPlugs chain = plugs.chain(req.channel());
    Thread mayBlock = callerMayBlock ? Thread.currentThread() : null;
    CompletableFuture<CommandReply> answer = new CompletableFuture<>();
    chain.run(input).whenComplete((result, error) -> {
      Runnable rest = () -> {
        try {
          afterChain(sender, command, input, chain, result, start).whenComplete((reply, failure) -> {
            if (failure != null) answer.completeExceptionally(failure);
            else answer.complete(reply);
          });
        } catch (RuntimeException | Error e) {
          answer.completeExceptionally(e);
        }
      };
      if (error != null) answer.completeExceptionally(error); // the chain never fails, but if it did
      else if (mayFinishHere(mayBlock, sender, command, result)) rest.run();
      else fallback.handOff(rest, answer);
    });
    return answer;
  }

  /**
   * Whether the rest of a command may run on this thread once its chain is done. Usually this is the
   * plug worker that ran the chain: then nothing is handed off and nobody is woken. Another thread
   * (the caller, when the chain was done before it looked; the watchdog, which completes the chain
   * of a plug it abandoned) takes the rest only when that blocks on nothing, or may block: saved
   * rolls in a plug's rewrite, say, are read from the database.
   */
  private boolean mayFinishHere(Thread mayBlock, Sender sender, Command command, ChainResult result) {
    Thread t = Thread.currentThread();
    return t == mayBlock || PlugWorkers.isWorkerThread()
        || needsNothingBlocking(sender, command, result);
  }

  /** The rest of a command once its chain ran: the standard processing, the hooks, the events. */
  private CompletableFuture<CommandReply> afterChain(Sender sender, Command command, CommandInput input,
      ChannelPlugs chain, ChainResult result, long start) {
    plugs.recordUsage(input.channel(), result);
    Outcome out = afterPlugs(sender, input, command, result);
    if (out.reply == null || !out.hookable) return CompletableFuture.completedFuture(finish(sender, out, start));
    // what follows the hooks appends events: never on the watchdog that may complete them
    return fallback.continueSafely(chain.beforeReply(input, out.reply), Thread.currentThread()).thenApply(hooked -> {
      // a hook may change the reply, not drop it
      CommandReply r = finish(sender, out, hooked != null && !hooked.isBlank() ? hooked : out.reply, start);
      if (r.isCommand()) chain.afterReply(input, r.reply());
      return r;
    });
  }

  /**
   * Whether what follows a chain's result needs nothing that blocks: the plugs answered, or left
   * the command as it was (whose standard processing was found quick before the chain ran).
   */
  private boolean needsNothingBlocking(Sender sender, Command command, ChainResult result) {
    if (result.isReply()) return true;
    return untouched(result, sender.request().text())
        && (!(command instanceof Command.Chat) || settings.inlineRollsIfCached(sender.channel()) != null);
  }

  private static boolean untouched(ChainResult result, String text) {
    List<Segment> segs = result.segments();
    return segs.size() == 1 && !segs.get(0).isFinal() && segs.get(0).text().equals(text);
  }

  private CommandReply finish(Sender sender, Outcome out, long start) {
    return finish(sender, out, out.reply, start);
  }

  /** The reply cut to size, with its events logged; none when there is nothing to show. */
  private CommandReply finish(Sender sender, Outcome out, String reply, long start) {
    if (reply == null || reply.isBlank()) return CommandReply.none(micros(start)); // chat cannot show an empty message
    reply = Markdown.truncate(reply, config.maxReplyChars());
    long micros = micros(start);
    logEvents(sender, out, reply, micros);
    return new CommandReply(reply, out.rolls, micros, out.ephemeral);
  }

  private static long micros(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000;
  }

  private static boolean isManagement(Command c) {
    return c instanceof Command.PlugAdd || c instanceof Command.PlugRemove || c instanceof Command.PlugList
        || c instanceof Command.PlugStats || c instanceof Command.BindApp || c instanceof Command.UnbindApp
        || c instanceof Command.Inline || c instanceof Command.Help;
  }

  private void logEvents(Sender sender, Outcome out, String reply, long micros) {
    CommandRequest req = sender.request();
    List<NewEvent> list = new ArrayList<>(out.rolls.size() + out.events.size() + 1);
    for (RollResult r : out.rolls) {
      list.add(new EventFields().put("user", req.user()).put("userName", sender.displayName())
          .put("expr", r.expr()).put("total", r.total()).put("text", r.text()).toEvent("roll"));
    }
    if (!out.events.isEmpty()) list.addAll(out.events); // addAll copies even an empty list into an array
    // An ephemeral reply holds a secret (a bind code): the feed only says one was sent.
    list.add(new EventFields().put("user", req.user()).put("userName", sender.displayName())
        .put("command", req.text()).put("reply", out.ephemeral ? "*(sent privately)*" : reply)
        .put("micros", micros).toEvent("reply"));
    events.appendAll(req.channel(), list);
  }

  // ---- plugs ------------------------------------------------------------------------------------

  /** What the chain's result leaves to do: its reply, or the standard processing of what is left. */
  private Outcome afterPlugs(Sender sender, CommandInput input, Command parsed, ChainResult result) {
    if (result.isReply()) return Outcome.reply(result.reply());
    if (untouched(result, input.text())) return standard(sender, parsed);
    List<Segment> segs = result.segments();
    boolean anyFinal = segs.stream().anyMatch(Segment::isFinal);
    if (!anyFinal) {
      // A plug rewrote the message into another one (a macro): handle it as if typed.
      Command again = parser.parse(result.text());
      return isManagement(again) ? Outcome.reply(result.text()) : standard(sender, again);
    }
    return rewritten(sender, segs);
  }

  /** Segments with final parts: roll what is not final, keep the rest, reply with the whole. */
  private Outcome rewritten(Sender sender, List<Segment> segs) {
    StringBuilder sb = new StringBuilder();
    List<RollResult> rolls = new ArrayList<>();
    boolean first = true;
    for (Segment s : segs) {
      String text = s.text();
      if (!s.isFinal()) {
        if (first) {
          String rest = parser.afterPrefix(text);
          if (rest != null) text = rest.isEmpty() ? "" : rest + (text.endsWith(" ") ? " " : "");
        }
        text = inlineRolls(sender, text, true, rolls);
      }
      first = false;
      sb.append(text);
    }
    return Outcome.reply(sb.toString()).withRolls(rolls);
  }

  // ---- standard processing ----------------------------------------------------------------------

  private Outcome standard(Sender sender, Command command) {
    if (command instanceof Command.Chat c) return chat(sender, c.text());
    if (command instanceof Command.Roll r) return roll(sender, r.expr());
    if (command instanceof Command.SaveRoll s) return saveRoll(sender, s.name(), s.expr());
    if (command instanceof Command.DeleteRoll d) return deleteRoll(sender, d.name());
    if (command instanceof Command.ListRolls) return listRolls(sender);
    if (command instanceof Command.Stats s) return stats(sender, s.expr());
    if (command instanceof Command.Deal d) return deal(sender, d.count());
    if (command instanceof Command.Shuffle) return shuffle(sender);
    if (command instanceof Command.Malformed m) return Outcome.reply(m.message());
    return manage(sender, command);
  }

  private Outcome chat(Sender sender, String text) {
    boolean inlineOn = settings.inlineRolls(sender.channel());
    List<RollResult> rolls = new ArrayList<>();
    String out = inlineRolls(sender, text, inlineOn, rolls);
    if (rolls.isEmpty() && out.equals(text)) return Outcome.none();
    return Outcome.reply("**" + Markdown.escape(sender.displayName()) + "**: " + out).withRolls(rolls);
  }

  /**
   * Saved-roll substitution, then inline dice, on one piece of text. With {@code all} false only
   * {@code [[forced]]} rolls count (inline rolls switched off in the channel).
   */
  private String inlineRolls(Sender sender, String text, boolean all, List<RollResult> rolls) {
    SavedRolls view = resolver.forUser(sender.channel(), sender.user());
    String substituted = all ? substituteSaved(text, view) : text;
    List<InlineMatch> matches = dice.findInline(substituted);
    if (matches.isEmpty()) return substituted;
    StringBuilder sb = new StringBuilder(substituted.length() + 64);
    int at = 0;
    for (InlineMatch m : matches) {
      if (!all && !m.forced()) continue;
      sb.append(substituted, at, m.start());
      if (!m.ok()) {
        sb.append('*').append(Markdown.escape(m.source())).append(": ").append(m.error().getMessage()).append('*');
      } else {
        try {
          sidekick.dice.RollResult r = m.expression().roll(random.source(), view);
          rolls.add(new RollResult(r.expression(), r.totalNumber(), r.markdown()));
          sb.append(r.markdown());
        } catch (DiceException e) {
          sb.append('*').append(Markdown.escape(m.source())).append(": ").append(e.getMessage()).append('*');
        }
      }
      at = m.end();
    }
    sb.append(substituted, at, substituted.length());
    return sb.toString();
  }

  /** {@code $sword} in chat becomes a forced roll {@code [[$sword]]} when such a saved roll exists. */
  private String substituteSaved(String text, SavedRolls view) {
    if (text.indexOf('$') < 0) return text;
    Matcher m = SAVED_REF.matcher(text);
    StringBuilder sb = new StringBuilder();
    int at = 0;
    while (m.find()) {
      if (insideCodeOrForced(text, m.start()) || view.lookup(m.group(1)).isEmpty()) continue;
      sb.append(text, at, m.start()).append("[[").append(m.group()).append("]]");
      at = m.end();
    }
    if (at == 0) return text;
    return sb.append(text, at, text.length()).toString();
  }

  private static boolean insideCodeOrForced(String text, int pos) {
    int ticks = 0;
    for (int i = 0; i < pos; i++) if (text.charAt(i) == '`') ticks++;
    if (ticks % 2 == 1) return true;
    int open = text.lastIndexOf("[[", pos);
    return open >= 0 && text.lastIndexOf("]]", pos) < open;
  }

  private Outcome roll(Sender sender, String expr) {
    SavedRolls view = resolver.forUser(sender.channel(), sender.user());
    try {
      DiceExpression parsed = dice.parse(expr);
      sidekick.dice.RollResult r = parsed.roll(random.source(), view);
      RollResult rr = new RollResult(r.expression(), r.totalNumber(), r.markdown());
      return Outcome.reply("**" + Markdown.escape(sender.displayName()) + "**: " + r.markdown())
          .withRolls(List.of(rr));
    } catch (DiceException e) {
      if (BARE_WORD.matcher(expr).matches()) {
        return Outcome.reply("I don't know `" + parser.mainPrefix() + " " + expr + "`. `" + parser.mainPrefix()
            + " help` lists what I understand.");
      }
      return Outcome.reply(diceError("Can't roll that", expr, e));
    }
  }

  /** A dice error with a caret under the spot, and where to find help. */
  private String diceError(String what, String expr, DiceException e) {
    StringBuilder sb = new StringBuilder();
    sb.append(what).append(": ").append(e.getMessage());
    if (e.hasPosition() && expr.length() <= 120 && expr.indexOf('`') < 0 && expr.indexOf('\n') < 0) {
      sb.append("\n```\n").append(expr).append('\n')
          .append(" ".repeat(Math.min(e.position(), expr.length()))).append("^\n```");
    }
    sb.append("\nTry `").append(parser.mainPrefix()).append(" 1d20+5` or `")
        .append(parser.mainPrefix()).append(" help`.");
    return sb.toString();
  }

  // ---- saved rolls ------------------------------------------------------------------------------

  private Outcome saveRoll(Sender sender, String name, String expr) {
    String p = parser.mainPrefix();
    if (!SavedRollStore.validName(name)) {
      return Outcome.reply("`$" + name.replace("`", "") + "` is not a name I can save: use letters, digits and `_`,"
          + " starting with a letter (`" + p + " $sword = 1d8+3`).");
    }
    if (name.length() > config.maxSavedRollNameChars()) {
      return Outcome.reply("Saved roll names are at most " + config.maxSavedRollNameChars() + " characters.");
    }
    if (expr.length() > config.maxSavedRollExprChars()) {
      return Outcome.reply("A saved roll is at most " + config.maxSavedRollExprChars() + " characters long.");
    }
    Scope scope = SavedRollStore.scopeOf(name);
    if (saved.lookup(sender.channel(), sender.user(), name).isEmpty()
        && saved.countOthers(sender.channel(), sender.user(), name) >= config.maxSavedRollsPerScope()) {
      return Outcome.reply((scope == Scope.CHANNEL ? "This channel has" : "You have") + " "
          + config.maxSavedRollsPerScope() + " saved rolls already; delete one with `" + p + " $name =`.");
    }
    try {
      // Parse, then roll once with the new definition in place: a cycle or an unknown $name shows now.
      dice.parse(expr).roll(random.source(), resolver.withOverride(sender.channel(), sender.user(), name, expr));
    } catch (DiceException e) {
      return Outcome.reply(diceError("Can't save `$" + name + "`", expr, e));
    }
    boolean replaced = saved.put(sender.channel(), sender.user(), name, expr);
    EventFields f = new EventFields().put("name", name).put("scope", scope.wireName())
        .put("user", sender.user()).put("expr", expr);
    String whose = scope == Scope.CHANNEL ? "for the channel" : "for you";
    return Outcome.reply((replaced ? "Updated" : "Saved") + " **$" + name + "** = " + Markdown.code(expr) + " " + whose + ".")
        .withEvent(f.toEvent("var_set"));
  }

  private Outcome deleteRoll(Sender sender, String name) {
    if (!SavedRollStore.validName(name) || !saved.delete(sender.channel(), sender.user(), name)) {
      return Outcome.reply("There is no saved roll `$" + name.replace("`", "") + "` to delete. `"
          + parser.mainPrefix() + " $` lists them.");
    }
    EventFields f = new EventFields().put("name", name).put("scope", SavedRollStore.scopeOf(name).wireName())
        .put("user", sender.user());
    return Outcome.reply("Deleted **$" + name + "**.").withEvent(f.toEvent("var_deleted"));
  }

  private Outcome listRolls(Sender sender) {
    List<SavedRoll> all = saved.list(sender.channel(), sender.user());
    if (all.isEmpty()) {
      return Outcome.reply("No saved rolls here yet. Save one with `" + parser.mainPrefix() + " $sword = 1d8+3`.");
    }
    StringBuilder sb = new StringBuilder();
    appendScope(sb, "Channel", all, Scope.CHANNEL);
    appendScope(sb, "Yours", all, Scope.USER);
    return Outcome.reply(sb.toString().strip());
  }

  private static void appendScope(StringBuilder sb, String title, List<SavedRoll> all, Scope scope) {
    String items = all.stream().filter(r -> r.scope() == scope)
        .map(r -> "`$" + r.name() + "` = " + Markdown.code(r.expr()))
        .collect(Collectors.joining(", "));
    if (!items.isEmpty()) sb.append("**").append(title).append("**: ").append(items).append('\n');
  }

  // ---- odds and cards ---------------------------------------------------------------------------

  private Outcome stats(Sender sender, String expr) {
    try {
      // $name resolves through the same saved rolls as a roll, with the roller's errors (cycles named)
      Distribution d = dice.parse(expr).distribution(resolver.forUser(sender.channel(), sender.user()));
      return Outcome.reply(OddsReport.summary(expr, d));
    } catch (DiceException e) {
      return Outcome.reply(diceError("Can't work out the odds", expr, e));
    }
  }

  private Outcome deal(Sender sender, int count) {
    if (count > DeckStore.DECK_SIZE) {
      return Outcome.reply("A deck has " + DeckStore.DECK_SIZE + " cards; deal at most that many.");
    }
    DeckStore.Deal deal = decks.deal(sender.channel(), count, random.generator());
    StringBuilder sb = new StringBuilder("**").append(Markdown.escape(sender.displayName())).append("** ");
    if (deal.cards().isEmpty()) {
      return Outcome.reply("The deck is empty. `" + parser.mainPrefix() + " shuffle` for a fresh one.");
    }
    sb.append("draws ");
    sb.append(deal.cards().stream().map(c -> "**" + c.display() + "**").collect(Collectors.joining(" ")));
    sb.append(" (").append(deal.remaining()).append(" left");
    if (deal.freshDeck()) sb.append(", new shuffled deck");
    sb.append(')');
    if (deal.cards().size() < count) {
      sb.append("\nThe deck ran out. `").append(parser.mainPrefix()).append(" shuffle` for a fresh one.");
    }
    return Outcome.reply(sb.toString());
  }

  private Outcome shuffle(Sender sender) {
    decks.shuffle(sender.channel(), random.generator());
    return Outcome.reply("Shuffled a fresh deck of " + DeckStore.DECK_SIZE + " cards.");
  }

  // ---- management -------------------------------------------------------------------------------

  private Outcome manage(Sender sender, Command command) {
    String p = parser.mainPrefix();
    if (command instanceof Command.Help h) {
      return Outcome.system(h.topic() == null ? HelpText.general(p) : HelpText.topic(p, h.topic(), config.bindCodeTtl()));
    }
    if (command instanceof Command.BindApp) return bindApp(sender);
    if (command instanceof Command.UnbindApp) {
      int n = actions.revokeApps(sender.channel(), sender.user());
      return Outcome.system(n == 0 ? "You have no app bound in this channel."
          : "Unbound " + n + (n == 1 ? " app" : " apps") + "; " + (n == 1 ? "it is" : "they are") + " disconnected.");
    }
    if (command instanceof Command.Inline i) return inline(sender, i.on());
    if (!sender.canManage()) {
      return Outcome.system("Only people who can manage this channel may change or list its plugs.");
    }
    if (command instanceof Command.PlugAdd a) return plugAdd(sender, a.name());
    if (command instanceof Command.PlugRemove r) {
      return Outcome.system(actions.removePlug(sender.channel(), r.name(), sender.user())
          ? "Removed plug **" + Markdown.escape(r.name()) + "**."
          : "This channel has no plug named " + Markdown.code(r.name()) + ".");
    }
    if (command instanceof Command.PlugList) return plugList(sender, false);
    if (command instanceof Command.PlugStats) return plugList(sender, true);
    return Outcome.system(HelpText.general(p));
  }

  private Outcome bindApp(Sender sender) {
    if (sender.fromApp()) return Outcome.system("Bind a new app from the chat, not from an app.");
    String code = actions.issueBindCode(sender.channel(), sender.user(), sender.canManage());
    Outcome o = Outcome.system("Your app code: **" + code + "** (valid " + config.bindCodeTtl().toMinutes()
        + " minutes, one use). Enter it in the Sidekick app. `" + parser.mainPrefix() + " unbind app` disconnects it.");
    o.ephemeral = true;
    return o;
  }

  private Outcome inline(Sender sender, Boolean on) {
    String p = parser.mainPrefix();
    if (on == null) {
      return Outcome.system("Inline rolls are **" + (settings.inlineRolls(sender.channel()) ? "on" : "off")
          + "** here (`[[1d20]]` always rolls). `" + p + " inline on|off` changes it.");
    }
    if (!sender.canManage()) return Outcome.system("Only people who can manage this channel may switch inline rolls.");
    settings.setInlineRolls(sender.channel(), on);
    return Outcome.system("Inline rolls are now **" + (on ? "on" : "off") + "** in this channel.");
  }

  private Outcome plugAdd(Sender sender, String name) {
    var attachment = sender.request().attachment();
    if (attachment == null || attachment.bytes().length == 0) {
      return Outcome.system("Attach the plug's `.wasm` file to the message: `" + parser.mainPrefix() + " plug add "
          + name.replace("`", "") + "`.");
    }
    try {
      PlugUpload up = actions.installPlug(sender.channel(), name, sender.request().server(), sender.user(),
          attachment.bytes());
      return Outcome.system((up.replaced() ? "Replaced" : "Installed") + " plug **" + Markdown.escape(up.name())
          + "** (" + kib(up.len()) + ", sha256 `" + up.hash().substring(0, 12) + "`, ready in " + up.compileMillis() + " ms).");
    } catch (CoreException e) {
      if (e.status() == CoreException.Status.INTERNAL) throw e;
      return Outcome.system("Plug not installed: " + e.getMessage());
    }
  }

  private Outcome plugList(Sender sender, boolean withStats) {
    List<PlugInfo> list = plugs.list(sender.channel());
    if (list.isEmpty()) {
      return Outcome.system("No plugs in this channel. `" + parser.mainPrefix() + " plug add NAME` with a `.wasm` attached.");
    }
    StringBuilder sb = new StringBuilder(withStats ? "**Plug stats** (since upload):\n" : "**Plugs** (in the order they run):\n");
    for (PlugInfo p : list) {
      sb.append("• **").append(Markdown.escape(p.name())).append("** ");
      if (withStats) {
        sb.append(p.calls()).append(" calls, ").append(p.errors()).append(" errors, p50 ")
            .append(p.p50Micros()).append(" µs, p99 ").append(p.p99Micros()).append(" µs");
      } else {
        sb.append(kib(p.len())).append(", `").append(p.hash() == null ? "?" : p.hash().substring(0, 12)).append('`');
        if (p.uploadedBy() != null && !p.uploadedBy().isEmpty()) sb.append(", by ").append(Markdown.escape(p.uploadedBy()));
      }
      sb.append('\n');
    }
    return Outcome.system(sb.toString().strip());
  }

  private static String kib(long bytes) {
    return bytes < 1024 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  /** Reports an unexpected failure as a short reply (the details go to the log with a reference). */
  public static CommandReply failure(RuntimeException e, long startNanos) {
    String ref = Long.toHexString(System.nanoTime() & 0xffffff);
    log.error("command failed (ref {})", ref, e);
    return new CommandReply("Something went wrong on my side (ref " + ref + "). Please try again.",
        List.of(), micros(startNanos), false);
  }
}
