package sidekick.plugs.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import sidekick.plugs.ChainResult;
import sidekick.plugs.CommandInput;
import sidekick.plugs.FaultKind;
import sidekick.plugs.PlugHost.PlugCallContext;
import sidekick.plugs.PlugRun;
import sidekick.plugs.Segment;
import sidekick.plugs.chain.PlugJson.PlugOutput;
import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.PlugWorkers;
import sidekick.plugs.exec.Watchdog;

/**
 * One run of a channel's chain on a worker: {@code handle} over the plugs in order, or a hook
 * ({@code before_reply} / {@code after_reply}) over those exporting it. Progress is published as
 * it goes, so if the watchdog abandons a stuck call the command is answered with what the
 * earlier plugs did.
 */
final class ChainJob implements PlugWorkers.Job {
  enum Mode { HANDLE, BEFORE_REPLY, AFTER_REPLY }

  private final List<Plug> plugs;
  private final CommandInput input;
  private final String channel;
  private final Mode mode;
  private final CompletableFuture<ChainResult> result = new CompletableFuture<>();

  // progress, published for an abandonment
  private volatile List<Segment> segments;
  private volatile String reply;
  private volatile List<PlugRun> runs = List.of();
  private volatile Plug current;
  private volatile long currentStart;

  ChainJob(String channel, List<Plug> plugs, CommandInput input, Mode mode, String reply) {
    this.channel = channel;
    this.plugs = plugs;
    this.input = input;
    this.mode = mode;
    this.segments = input.segments();
    this.reply = reply;
  }

  CompletableFuture<ChainResult> result() {
    return result;
  }

  private String export() {
    return switch (mode) {
      case HANDLE -> "handle";
      case BEFORE_REPLY -> "before_reply";
      case AFTER_REPLY -> "after_reply";
    };
  }

  @Override
  public void run(Watchdog.Slot slot, Runnable onAbandon) {
    String export = export();
    for (Plug plug : plugs) {
      if (result.isDone()) return;
      if (!plug.hasExport(export)) continue;
      if (!plug.breaker().allows()) {
        plug.metrics().recordSkipped();
        addRun(new PlugRun(plug.name(), PlugRun.Action.FAULT, FaultKind.DISABLED, "disabled after repeated faults", 0));
        continue;
      }
      CommandInput now = input.withSegments(segments);
      byte[] in = PlugJson.input(now, mode == Mode.HANDLE ? null : reply);
      currentStart = System.nanoTime();
      current = plug;
      CallResult r = plug.call(export, in, new PlugCallContext(channel, plug.name(), plug.moduleHash(), now), slot, onAbandon);
      if (slot.abandoned()) return; // answered already by abandoned()
      current = null;
      if (apply(plug, r, in.length)) {
        result.complete(new ChainResult(reply, plug.name(), segments, runs));
        return;
      }
    }
    result.complete(new ChainResult(mode == Mode.HANDLE ? null : reply, null, segments, runs));
  }

  /** Applies one plug's result; true when it ends the chain with a reply. */
  private boolean apply(Plug plug, CallResult r, int bytesIn) {
    int bytesOut = r.output() == null ? 0 : r.output().length;
    FaultKind fault = r.fault();
    String message = r.faultMessage();
    PlugOutput out = null;
    if (fault == null) {
      out = PlugJson.output(r.output());
      if (out.action() == PlugOutput.Action.BAD) {
        fault = FaultKind.BAD_OUTPUT;
        message = out.problem();
      } else if (mode == Mode.HANDLE && out.action() == PlugOutput.Action.REWRITE
          && !PlugJson.keepsFinalSegments(segments, out.segments())) {
        fault = FaultKind.BAD_OUTPUT;
        message = "rewrite changed a final segment";
      }
    }
    plug.record(r, bytesIn, bytesOut, fault);
    long micros = r.nanos() / 1000;
    if (fault != null) {
      plug.breaker().fault();
      addRun(new PlugRun(plug.name(), PlugRun.Action.FAULT, fault, message, micros, bytesIn, bytesOut));
      return false;
    }
    plug.breaker().success();
    switch (out.action()) {
      case REPLY -> {
        addRun(new PlugRun(plug.name(), PlugRun.Action.REPLY, null, null, micros, bytesIn, bytesOut));
        if (mode == Mode.AFTER_REPLY) return false;
        reply = out.text();
        return mode == Mode.HANDLE;
      }
      case REWRITE -> {
        addRun(new PlugRun(plug.name(), PlugRun.Action.REWRITE, null, null, micros, bytesIn, bytesOut));
        if (mode == Mode.HANDLE) segments = out.segments();
        else if (mode == Mode.BEFORE_REPLY) reply = join(out.segments());
        return false;
      }
      default -> {
        addRun(new PlugRun(plug.name(), PlugRun.Action.PASS, null, null, micros, bytesIn, bytesOut));
        return false;
      }
    }
  }

  private static String join(List<Segment> segs) {
    StringBuilder sb = new StringBuilder();
    for (Segment s : segs) sb.append(s.text());
    return sb.toString();
  }

  private void addRun(PlugRun run) {
    List<PlugRun> next = new ArrayList<>(runs);
    next.add(run);
    runs = List.copyOf(next);
  }

  @Override
  public void abandoned() {
    Plug stuck = current;
    if (stuck != null) {
      long nanos = System.nanoTime() - currentStart;
      stuck.record(CallResult.fault(FaultKind.TIMEOUT, "abandoned", nanos), 0, 0, FaultKind.TIMEOUT);
      stuck.breaker().fault();
      addRun(new PlugRun(stuck.name(), PlugRun.Action.FAULT, FaultKind.TIMEOUT, "did not stop: abandoned", nanos / 1000));
    }
    result.complete(new ChainResult(mode == Mode.HANDLE ? null : reply, null, segments, runs));
  }

  @Override
  public void rejected() {
    addRun(new PlugRun("*", PlugRun.Action.FAULT, FaultKind.DISABLED, "every plug worker busy: plugs skipped", 0));
    result.complete(new ChainResult(mode == Mode.HANDLE ? null : reply, null, segments, runs));
  }
}
