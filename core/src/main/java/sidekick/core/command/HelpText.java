package sidekick.core.command;

import java.time.Duration;

/** The answers of {@code /r help}. */
final class HelpText {
  private HelpText() {}

  static String general(String p) {
    return String.join("\n",
        "**Sidekick** rolls dice. Commands:",
        "`" + p + " 1d20+5 # attack` roll (keep/drop `4d6kh3`, explode `1d6!`, `repeat(3d6, 6)`, `max(1d20, 1d20)`)",
        "`" + p + " $sword = 1d8+3` save a roll, `" + p + " $sword` roll it, `" + p + " $sword =` delete, `" + p + " $` list"
            + " (ALL-CAPS names are the channel's, others yours)",
        "`" + p + " stats 3d6` exact odds · `" + p + " deal 5` / `" + p + " shuffle` cards",
        "Inline: any message with `2d6+3` or `[[1d20]]` gets rolled (`" + p + " inline on|off`)",
        "`" + p + " plug add|rm|ls|stats` channel plugs · `" + p + " bind app` / `" + p + " unbind app` phone app",
        "More: `" + p + " help saved`, `" + p + " help plug`, `" + p + " help app`.");
  }

  static String topic(String p, String topic, Duration bindTtl) {
    switch (topic) {
      case "saved":
      case "$":
        return String.join("\n",
            "**Saved rolls**: `" + p + " $sword = 1d8+3` saves, `" + p + " $sword` rolls, `" + p + " $sword + 2` uses it in a roll,",
            "`" + p + " $sword =` deletes, `" + p + " $` lists. `$NAME` in capitals belongs to the channel (everyone may use it),",
            "other names are yours in this channel. Saved rolls may use each other (`$atk = 1d20+$STR`); cycles are refused.",
            "In chat, `$sword` alone in a message rolls it when inline rolls are on.");
      case "plug":
      case "plugs":
        return String.join("\n",
            "**Plugs** are WebAssembly modules that change how this channel's messages are answered.",
            "`" + p + " plug add NAME` with the `.wasm` attached installs or replaces one; `" + p + " plug rm NAME` removes it;",
            "`" + p + " plug ls` lists them (they run in name order); `" + p + " plug stats` shows calls, errors and timings.",
            "Only people who can manage the channel may use these. Write one with `sidekick plug new NAME`.");
      case "app":
      case "bind":
        return String.join("\n",
            "**Phone app**: `" + p + " bind app` gives you a one-time code (valid " + bindTtl.toMinutes() + " minutes) to enter in the app;",
            "the app then sees this channel's rolls and may roll as you here. `" + p + " unbind app` disconnects every app you bound here.");
      case "cards":
      case "deal":
      case "shuffle":
        return "**Cards**: `" + p + " deal 5` deals from this channel's deck of 52; `" + p + " shuffle` starts a fresh shuffled deck.";
      case "stats":
        return "**Odds**: `" + p + " stats 4d6kh3` shows the range, the mean, the most likely totals and a histogram, computed exactly.";
      default:
        return "No help on `" + topic.replace("`", "") + "`. " + general(p);
    }
  }
}
