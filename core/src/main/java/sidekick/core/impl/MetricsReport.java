package sidekick.core.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.MetricSample;
import sidekick.core.MetricSample.Type;
import sidekick.core.ShardStatus;
import sidekick.core.auth.TokenService;
import sidekick.core.events.EventLog;
import sidekick.plugs.PlugMetricsSnapshot;
import sidekick.plugs.PlugRuntime;
import sidekick.plugs.RuntimeStats;
import sidekick.store.WasmStore;

/** Builds the core's {@code /metrics} samples from its counters and its parts' statistics. */
final class MetricsReport {
  private static final Logger log = LoggerFactory.getLogger(MetricsReport.class);

  private final Counters c;
  private final EventLog events;
  private final TokenService tokens;
  private final ShardRegistry shards;
  private final WasmStore store;
  private final PlugRuntime runtime;
  private final List<MetricSample> out = new ArrayList<>();

  MetricsReport(Counters c, EventLog events, TokenService tokens, ShardRegistry shards, WasmStore store,
      PlugRuntime runtime) {
    this.c = c;
    this.events = events;
    this.tokens = tokens;
    this.shards = shards;
    this.store = store;
    this.runtime = runtime;
  }

  List<MetricSample> samples() {
    counter("sidekick_commands_total", "Commands handled", c.commands.sum());
    counter("sidekick_replies_total", "Commands that got a reply", c.replies.sum());
    counter("sidekick_rolls_total", "Dice rolls made in replies", c.rolls.sum());
    counter("sidekick_command_failures_total", "Commands that failed unexpectedly", c.commandFailures.sum());
    counter("sidekick_command_seconds_total", "Time spent handling commands", c.commandMicros.sum() / 1e6);
    counter("sidekick_auth_ok_total", "Tokens accepted", c.authOk.sum());
    counter("sidekick_auth_rejected_total", "Tokens refused (unknown, malformed, revoked)", c.authRejected.sum());
    counter("sidekick_forbidden_total", "Calls refused for lack of a right", c.forbidden.sum());
    counter("sidekick_revocations_total", "Tokens revoked", c.revocations.sum());
    counter("sidekick_bind_codes_total", "App bind codes issued", c.bindCodes.sum());
    counter("sidekick_apps_bound_total", "Apps bound with a code", c.appsBound.sum());
    counter("sidekick_plug_uploads_total", "Plugs installed or replaced", c.plugUploads.sum());
    counter("sidekick_plug_removals_total", "Plugs removed", c.plugRemovals.sum());
    counter("sidekick_events_total", "Events appended to channel feeds", events.appendedCount());
    gauge("sidekick_event_subscribers", "Live feed subscriptions", Map.of(), events.subscriberCount());
    gauge("sidekick_tokens_active", "Active tokens", Map.of(), tokens.activeCount());
    for (ShardStatus s : shards.all()) {
      Map<String, String> l = Map.of("shard", Integer.toString(s.shard()));
      gauge("sidekick_shard_guilds", "Guilds a shard serves", l, s.guilds());
      gauge("sidekick_shard_latency_milliseconds", "Gateway latency a shard reported", l, s.latencyMillis());
      gauge("sidekick_shard_queue", "Commands queued in a shard", l, s.queue());
      gauge("sidekick_shard_connected", "1 when the shard reported CONNECTED", l,
          "CONNECTED".equalsIgnoreCase(s.state()) ? 1 : 0);
      gauge("sidekick_shard_report_age_seconds", "Seconds since the shard's last report", l,
          (System.currentTimeMillis() - s.reportedAt().toEpochMilli()) / 1000.0);
    }
    storeSamples();
    plugSamples();
    return out;
  }

  private void storeSamples() {
    try {
      sidekick.store.StoreStats s = store.stats();
      gauge("sidekick_store_blobs", "Distinct plug modules stored", Map.of(), s.blobs());
      gauge("sidekick_store_references", "Plugs referencing stored modules", Map.of(), s.references());
      gauge("sidekick_store_raw_bytes", "Uncompressed bytes of stored modules", Map.of(), s.rawBytes());
      gauge("sidekick_store_stored_bytes", "Bytes on disk for stored modules", Map.of(), s.storedBytes());
    } catch (RuntimeException e) {
      log.warn("store statistics unavailable: {}", e.toString());
    }
  }

  private void plugSamples() {
    try {
      RuntimeStats r = runtime.stats();
      counter("sidekick_plug_compiles_total", "Plug modules compiled", r.compiled());
      counter("sidekick_plug_refused_total", "Plug uploads refused", r.refused());
      counter("sidekick_plug_abandoned_workers_total", "Plug workers abandoned when stuck", r.abandonedWorkers());
      counter("sidekick_plug_busy_total", "Commands run without plugs because every worker was busy",
          r.commandsRejectedBusy());
      long calls = 0, errors = 0;
      for (PlugMetricsSnapshot m : runtime.metricsByModule().values()) {
        calls += m.calls();
        errors += m.errors();
      }
      counter("sidekick_plug_calls_total", "Plug calls", calls);
      counter("sidekick_plug_errors_total", "Plug calls that faulted", errors);
    } catch (RuntimeException e) {
      log.warn("plug statistics unavailable: {}", e.toString());
    }
  }

  private void counter(String name, String help, double value) {
    out.add(new MetricSample(name, help, Type.COUNTER, Map.of(), value));
  }

  private void gauge(String name, String help, Map<String, String> labels, double value) {
    out.add(new MetricSample(name, help, Type.GAUGE, labels, value));
  }
}
