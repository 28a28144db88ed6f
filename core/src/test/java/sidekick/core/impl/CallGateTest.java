package sidekick.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallGateTest {
  @Test
  void countsCallsInAndOutOnEachThread() throws Exception {
    CallGate gate = new CallGate();
    assertThat(gate.enter()).isTrue();
    assertThat(gate.enter()).isTrue(); // nested, as guarded calls may be
    assertThat(gate.inside()).isEqualTo(2);
    Thread other = new Thread(() -> {
      gate.enter();
      gate.exit();
    });
    other.start();
    other.join();
    gate.exit();
    gate.exit();
    assertThat(gate.inside()).isZero();
  }

  @Test
  void aClosedGateLetsNoCallInAndClosesOnce() {
    CallGate gate = new CallGate();
    assertThat(gate.close()).isTrue();
    assertThat(gate.close()).isFalse();
    assertThat(gate.isClosed()).isTrue();
    assertThat(gate.enter()).isFalse();
    assertThat(gate.inside()).isZero(); // a refused call leaves no count behind
  }

  @Test
  void theCloserWaitsForTheCallInside() throws Exception {
    CallGate gate = new CallGate();
    CountDownLatch inside = new CountDownLatch(1);
    AtomicBoolean callDone = new AtomicBoolean();
    Thread call = new Thread(() -> {
      gate.enter();
      inside.countDown();
      sleep(200);
      callDone.set(true);
      gate.exit();
    });
    call.start();
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    gate.close();
    gate.awaitEmpty();
    assertThat(callDone).isTrue();
    call.join();
  }

  /**
   * Many threads call in a loop while the gate closes: once the closer's wait returns, no call is
   * inside and none gets in any more (a call inside after the wait would be a call the closer missed).
   */
  @Test
  void noCallIsInsideOnceTheCloserHasWaited() throws Exception {
    for (int round = 0; round < 20; round++) {
      CallGate gate = new CallGate();
      AtomicLong insideNow = new AtomicLong();
      AtomicBoolean closerDone = new AtomicBoolean();
      AtomicLong violations = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th = new Thread(() -> {
          while (true) {
            if (!gate.enter()) return;
            insideNow.incrementAndGet();
            if (closerDone.get()) violations.incrementAndGet();
            Thread.onSpinWait();
            insideNow.decrementAndGet();
            gate.exit();
          }
        });
        threads.add(th);
        th.start();
      }
      sleep(5);
      gate.close();
      gate.awaitEmpty();
      closerDone.set(true);
      long seen = insideNow.get();
      for (Thread th : threads) th.join(5_000);
      assertThat(seen).isZero();
      assertThat(violations).hasValue(0);
      assertThat(threads).noneMatch(Thread::isAlive);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
