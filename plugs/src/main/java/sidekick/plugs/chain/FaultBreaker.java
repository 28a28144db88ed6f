package sidekick.plugs.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Disables a plug for a while after too many faults in a row. */
public final class FaultBreaker {
  private final int threshold;
  private final long disableMillis;
  private final AtomicInteger consecutive = new AtomicInteger();
  private volatile long disabledUntil;

  public FaultBreaker(int threshold, Duration disableFor) {
    this.threshold = threshold;
    this.disableMillis = disableFor.toMillis();
  }

  public boolean allows() {
    long until = disabledUntil;
    return until == 0 || System.currentTimeMillis() >= until;
  }

  public void success() {
    if (consecutive.get() != 0) consecutive.set(0);
  }

  public void fault() {
    if (consecutive.incrementAndGet() >= threshold) {
      disabledUntil = System.currentTimeMillis() + disableMillis;
      consecutive.set(0);
    }
  }

  /** When the plug is disabled until, or null when it is not. */
  public Instant disabledUntil() {
    long until = disabledUntil;
    return until != 0 && System.currentTimeMillis() < until ? Instant.ofEpochMilli(until) : null;
  }
}
