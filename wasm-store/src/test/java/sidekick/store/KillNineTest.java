package sidekick.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of a real child process that uploads, replaces, removes, collects and
 * recompresses; after each kill the store must check clean and hold every committed change.
 */
class KillNineTest {
  /** Kills per run; -Dsidekick.store.kills=N for a longer soak. */
  static final int KILLS = Integer.getInteger("sidekick.store.kills", 12);

  /** A worker's change line: B(egun) or C(ommitted), key, sha256 hex or "-" for a removal. */
  private static final Pattern CHANGE = Pattern.compile("([BC]) (c\\d+/p\\d+) ([0-9a-f]{64}|-)");

  @TempDir Path dir;

  @Test
  @Timeout(value = 170, unit = TimeUnit.SECONDS)
  void killedAtRandomPointsLosesNothingCommittedAndLeavesNoOrphan() throws Exception {
    SplittableRandom random = new SplittableRandom(20261122);
    Map<String, String> state = new HashMap<>(); // key -> hash committed ("-" or absent: none)
    int inFlightSeen = 0;
    for (int round = 0; round < KILLS; round++) {
      Process child =
          new ProcessBuilder(
                  javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                  CrashWorker.class.getName(), dir.toString(), Long.toString(random.nextLong()))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      Map<String, String> committed = new HashMap<>(state);
      Map<String, String> inFlight = new HashMap<>();
      CountDownLatch ready = new CountDownLatch(1);
      AtomicReference<java.io.IOException> readError = new AtomicReference<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    if (line.equals("READY")) ready.countDown();
                    Matcher m = CHANGE.matcher(line);
                    // only the last line can be cut by the kill: a cut B's change never began, a cut
                    // C's change stays in flight (its B was read)
                    if (!m.matches()) continue;
                    synchronized (committed) {
                      if (m.group(1).equals("B")) inFlight.put(m.group(2), m.group(3));
                      else {
                        committed.put(m.group(2), m.group(3));
                        inFlight.remove(m.group(2));
                      }
                    }
                  }
                } catch (java.io.IOException e) {
                  readError.set(e);
                }
              });
      reader.start();
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("worker started").isTrue();
      Thread.sleep(100 + random.nextInt(1200));
      // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the
      // child's stdout, discarding the lines the reader had not read yet (a put's "B" line among
      // them, so its committed row would look like a lost write).
      child.toHandle().destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(30_000); // the dead child's pipe ends: the reader reaches end of stream
      assertThat(reader.isAlive()).as("reader finished after kill %d", round).isFalse();
      assertThat(readError.get()).as("reading the worker after kill %d", round).isNull();

      try (WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet())) {
        CheckReport report = store.check();
        assertThat(report.problems()).as("check after kill %d", round).isEmpty();
        Map<String, String> now = new HashMap<>();
        for (int c = 0; c < CrashWorker.CHANNELS; c++) {
          for (PlugInfo p : store.list("c" + c)) now.put(p.channel() + "/" + p.name(), p.hash());
        }
        synchronized (committed) {
          for (String key : union(committed.keySet(), now.keySet(), inFlight.keySet())) {
            String actual = now.getOrDefault(key, "-");
            String expected = committed.getOrDefault(key, "-");
            String maybe = inFlight.get(key);
            if (maybe != null && !actual.equals(expected)) inFlightSeen++;
            assertThat(actual)
                .as("plug %s after kill %d", key, round)
                .isIn(expected, maybe == null ? expected : maybe);
            if (!actual.equals("-")) {
              assertThat(WasmStore.sha256Hex(store.get(key.split("/")[0], key.split("/")[1])))
                  .isEqualTo(actual);
            }
          }
        }
        state = now;
      }
    }
    // the run must really have exercised the store
    try (WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet())) {
      assertThat(store.stats().blobs()).isPositive();
    }
    System.out.println("kills: " + KILLS + ", in-flight changes found committed: " + inFlightSeen);
  }

  private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
    Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
        .toString();
  }
}
