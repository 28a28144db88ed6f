package sidekick.core.impl;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Lets calls in until it is closed, and lets the closer wait for the calls already in. Replaces a
 * read-write lock held shared by every call: that lock's shared count is one word every event loop
 * writes twice per command (its cache line moves between cores each time), and its per-thread hold
 * counts cost a thread-local lookup when two threads take turns. Here each thread counts on a stripe
 * of its own (by thread id, a cache line apart), so a call's two writes stay on its core.
 *
 * <p>Why the closer sees every call that got in: a call counts itself, then reads {@code closed}; the
 * closer sets {@code closed}, then reads the stripes (all volatile: one total order). A call that read
 * {@code closed == false} counted before the closer's write, so the closer's reads see that count
 * until the call leaves. A call that comes later sees {@code closed} and leaves at once; its count and
 * uncount are on one stripe, so a read never sees the uncount without the count.
 */
final class CallGate {
  /** Stripes (a power of two); threads beyond that share them, which is still correct. */
  private static final int STRIPES = 64;
  /** Longs between two stripes: 64 bytes, a cache line. */
  private static final int SPACING = 8;

  private final AtomicLongArray counts = new AtomicLongArray(STRIPES * SPACING);
  private volatile boolean closed;

  /** Counts a call in; false (nothing counted) once closed. Every true is followed by {@link #exit()}. */
  boolean enter() {
    int i = stripe();
    counts.getAndIncrement(i);
    if (closed) {
      counts.getAndDecrement(i);
      return false;
    }
    return true;
  }

  /** Counts a call out, on the thread that entered. */
  void exit() {
    counts.getAndDecrement(stripe());
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the gate; true for the first caller. */
  synchronized boolean close() {
    if (closed) return false;
    closed = true;
    return true;
  }

  /**
   * Waits until no call that entered is still inside (polls every millisecond), as a lock would:
   * not cut short by an interrupt, which is kept for the caller.
   */
  void awaitEmpty() {
    boolean interrupted = false;
    while (inside() > 0) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** Calls inside now. */
  long inside() {
    long sum = 0;
    for (int s = 0; s < STRIPES; s++) sum += counts.get(s * SPACING);
    return sum;
  }

  private static int stripe() {
    return (int) (Thread.currentThread().getId() & (STRIPES - 1)) * SPACING;
  }
}
