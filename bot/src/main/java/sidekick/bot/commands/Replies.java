package sidekick.bot.commands;

import java.util.List;
import java.util.Locale;
import sidekick.bot.core.CoreRejectedException;
import sidekick.bot.core.CoreUnavailableException;
import sidekick.bot.core.Distribution;
import sidekick.bot.core.PlugInfo;

/** The texts a shard posts that do not come from the core, and the fitting of core replies to a chat. */
public final class Replies {
  /** Discord refuses messages longer than this. */
  public static final int MAX_MESSAGE_CHARS = 2000;

  /** Bars in the /stats chart; more outcomes are grouped into this many bins. */
  public static final int STATS_BARS = 16;

  static final String UNREACHABLE =
      "🎲 Sorry, I can't reach my dice engine right now. Please try again in a moment.";
  static final String INTERNAL = "🎲 Sorry, something went wrong on my side with that command.";
  static final String NO_PLUG_RIGHT =
      "🔒 Managing plugs here needs the **Manage Channels** or **Administrator** permission.";

  private Replies() {}

  /** Cuts a reply to what one chat message can hold. */
  public static String fit(String markdown) {
    if (markdown.length() <= MAX_MESSAGE_CHARS) return markdown;
    String tail = "… *(cut)*";
    int end = MAX_MESSAGE_CHARS - tail.length();
    if (Character.isHighSurrogate(markdown.charAt(end - 1))) end--;
    return markdown.substring(0, end) + tail;
  }

  /** The polite message for a failed call: the core's own refusal, or an apology. */
  public static String forFailure(Throwable error) {
    if (error instanceof CoreRejectedException rejected) {
      return "⚠️ " + rejected.getMessage();
    }
    if (error instanceof CoreUnavailableException) return UNREACHABLE;
    if (error instanceof UserFacingException user) return "⚠️ " + user.getMessage();
    return INTERNAL;
  }

  public static String plugAdded(PlugInfo plug) {
    return String.format(
        Locale.ROOT, "🔌 Plug **%s** installed (%s, `%s`).", plug.name(), size(plug.len()), shortHash(plug.hash()));
  }

  public static String plugRemoved(String name) {
    return "🔌 Plug **" + name + "** removed.";
  }

  public static String plugList(List<PlugInfo> plugs) {
    if (plugs.isEmpty()) return "No plugs in this channel yet. Add one with `/plug add`.";
    StringBuilder out = new StringBuilder("🔌 Plugs in this channel:\n");
    for (PlugInfo p : plugs) {
      out.append(String.format(Locale.ROOT, "• **%s** — %s, `%s`", p.name(), size(p.len()), shortHash(p.hash())));
      if (p.uploadedBy() != null) out.append(", by <@").append(p.uploadedBy()).append('>');
      out.append('\n');
    }
    return out.toString().strip();
  }

  public static String plugStats(List<PlugInfo> plugs) {
    if (plugs.isEmpty()) return "No plugs in this channel yet.";
    StringBuilder out = new StringBuilder("```\n");
    out.append(String.format(Locale.ROOT, "%-16s %8s %7s %9s %9s%n", "plug", "calls", "errors", "p50 µs", "p99 µs"));
    for (PlugInfo p : plugs) {
      out.append(
          String.format(
              Locale.ROOT, "%-16s %8d %7d %9d %9d%n", p.name(), p.calls(), p.errors(), p.p50Micros(), p.p99Micros()));
    }
    return out.append("```").toString();
  }

  /** A summary and a small bar chart of a distribution. */
  public static String distribution(Distribution d) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "📊 **%s**: min %s, max %s, mean %.4f, stdev %.4f%s%n",
            d.expr(),
            number(d.min()),
            number(d.max()),
            d.mean(),
            d.stdev(),
            d.exact() ? "" : " (approximate: an unbounded tail was cut off)"));
    List<Distribution.Point> pmf = d.pmf();
    if (pmf.isEmpty()) return out.toString().strip();
    int bins = Math.min(STATS_BARS, pmf.size());
    double[] mass = new double[bins];
    String[] labels = new String[bins];
    for (int b = 0; b < bins; b++) {
      int from = b * pmf.size() / bins;
      int to = (b + 1) * pmf.size() / bins;
      for (int i = from; i < to; i++) mass[b] += pmf.get(i).probability();
      String lo = number(pmf.get(from).value());
      String hi = number(pmf.get(to - 1).value());
      labels[b] = lo.equals(hi) ? lo : lo + "–" + hi;
    }
    double top = 0;
    for (double m : mass) top = Math.max(top, m);
    int width = 0;
    for (String l : labels) width = Math.max(width, l.length());
    out.append("```\n");
    for (int b = 0; b < bins; b++) {
      int bar = top == 0 ? 0 : (int) Math.round(20 * mass[b] / top);
      out.append(String.format(Locale.ROOT, "%" + width + "s %6.2f%% %s%n", labels[b], 100 * mass[b], "█".repeat(bar)));
    }
    return out.append("```").toString();
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String size(long bytes) {
    return bytes < 10 * 1024 ? bytes + " B" : (bytes / 1024) + " KiB";
  }

  private static String shortHash(String hash) {
    return hash == null ? "?" : hash.substring(0, Math.min(12, hash.length()));
  }
}
