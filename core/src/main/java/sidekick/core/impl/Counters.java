package sidekick.core.impl;

import java.util.concurrent.atomic.LongAdder;

/** The core's own counters for {@code /metrics}. */
final class Counters {
  final LongAdder commands = new LongAdder();
  final LongAdder replies = new LongAdder();
  final LongAdder rolls = new LongAdder();
  final LongAdder commandFailures = new LongAdder();
  final LongAdder commandMicros = new LongAdder();
  final LongAdder authOk = new LongAdder();
  final LongAdder authRejected = new LongAdder();
  final LongAdder forbidden = new LongAdder();
  final LongAdder revocations = new LongAdder();
  final LongAdder bindCodes = new LongAdder();
  final LongAdder appsBound = new LongAdder();
  final LongAdder plugUploads = new LongAdder();
  final LongAdder plugRemovals = new LongAdder();
}
