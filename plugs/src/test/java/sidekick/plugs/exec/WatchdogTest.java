package sidekick.plugs.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchdogTest {
  private static final long TICK = TimeUnit.MILLISECONDS.toNanos(1);
  private final Watchdog watchdog = new Watchdog(TICK);

  @AfterEach
  void close() {
    watchdog.close();
  }

  @Test
  void sleepsWhileNoCallRuns() throws Exception {
    Thread.sleep(50); // lets it fall asleep
    long before = watchdog.rounds();
    Thread.sleep(200); // 200 ticks if it kept ticking
    assertThat(watchdog.rounds() - before).isLessThanOrEqualTo(2);
  }

  @Test
  void wakesForACallAndInterruptsItPastItsLimit() throws Exception {
    Thread.sleep(50); // asleep before the call begins
    Watchdog.Slot slot = watchdog.slot();
    slot.begin(TimeUnit.MILLISECONDS.toNanos(20), null);
    long start = System.nanoTime();
    boolean interrupted = false;
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
      if (Thread.currentThread().isInterrupted()) {
        interrupted = true;
        break;
      }
      Thread.onSpinWait(); // a busy call, as a looping plug
    }
    assertThat(interrupted).as("interrupted within 5 s").isTrue();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    assertThat(slot.end()).as("stopped for time").isTrue();
    assertThat(Thread.currentThread().isInterrupted()).as("end() clears the flag").isFalse();
    assertThat(watchdog.timeouts()).isEqualTo(1);
  }

  @Test
  void abandonsACallStillRunningAtTwiceItsLimitThenSleepsAgain() throws Exception {
    CountDownLatch abandoned = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      Watchdog.Slot slot = watchdog.slot();
      slot.begin(TimeUnit.MILLISECONDS.toNanos(10), abandoned::countDown);
      // a call that ignores its interrupt (stuck in host code)
      while (true) {
        try {
          if (release.await(5, TimeUnit.SECONDS)) break;
        } catch (InterruptedException ignored) {
          // keeps going
        }
      }
      slot.end();
    });
    worker.start();
    assertThat(abandoned.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(watchdog.abandoned()).isEqualTo(1);
    release.countDown();
    worker.join(5_000);

    Thread.sleep(50);
    long before = watchdog.rounds();
    Thread.sleep(200);
    assertThat(watchdog.rounds() - before).isLessThanOrEqualTo(2);
  }

  @Test
  void aShortCallEndsUntouched() {
    Watchdog.Slot slot = watchdog.slot();
    slot.begin(TimeUnit.SECONDS.toNanos(5), null);
    assertThat(slot.end()).isFalse();
    assertThat(slot.timedOut()).isFalse();
    assertThat(watchdog.timeouts()).isZero();
  }
}
