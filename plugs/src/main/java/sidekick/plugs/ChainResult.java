package sidekick.plugs;

import java.util.List;

/**
 * The result of running a channel's chain on a command: either a final {@code reply} (a plug
 * answered; standard processing is skipped) or the resulting {@code segments} for saved-roll
 * substitution and dice notation (non-final segments only). A command always gets a result, even
 * when plugs fault.
 */
public record ChainResult(String reply, String replyBy, List<Segment> segments, List<PlugRun> runs) {
  public ChainResult {
    segments = List.copyOf(segments);
    runs = List.copyOf(runs);
  }

  /** True when a plug gave the final reply. */
  public boolean isReply() {
    return reply != null;
  }

  /** The segments joined back into text. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Segment s : segments) sb.append(s.text());
    return sb.toString();
  }
}
