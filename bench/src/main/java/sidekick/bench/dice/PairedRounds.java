package sidekick.bench.dice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One case of the dice comparison, Sidekick against rpg-dice-roller, in alternating rounds of about
 * a second each: a round of ours, a round of node's ({@code bench/dice-js/serve.js}, which waits on
 * its input meanwhile), and so on, the order flipped every pair. On a shared machine the speed of a
 * core moves by tens of percent within seconds (neighbours on the host, invisible as steal), so two
 * measurements minutes apart (JMH, then node, as {@code compare.sh} runs them) can meet different
 * machines; rounds a second apart meet nearly the same one. The result is the median of the
 * per-pair ratios, with their quartiles. Both sides count ops by the wall clock, in batches of 100,
 * the same work as {@link DiceBenchmark} and {@link InlineBenchmark} and as {@code bench.js}.
 *
 * <pre>java -XX:+UseParallelGC -Xms256m -Xmx256m -cp bench/target/benchmarks.jar sidekick.bench.dice.PairedRounds CASE [pairs] [seconds]</pre>
 *
 * CASE is one name of {@code compare.sh}'s table: {@code "inline uncached"}, {@code "inline"} (the
 * scan with the parse cache), {@code "uncached EXPR"} or {@code "cached EXPR"} for the four
 * expressions. One case per JVM, so the round loop's call stays monomorphic, as JMH's is.
 * Run from the repository root (or set {@code -Dsidekick.serveJs=path/to/serve.js}).
 * {@code bench/dice-js/paired.sh} runs every case and prints the table's header. The pairs go to
 * stderr, the case's table row to stdout. {@code -Dsidekick.paired.idle=true} is a control: our
 * rounds then sleep (a millisecond per op), so node's rounds show whether our work slows them
 * (our figures in that mode mean nothing). {@code -Dsidekick.paired.gapControl=true} is another: see
 * {@link #gapControl}.
 */
public final class PairedRounds {
  /** Rounds of our own before the first pair: enough for C2 to settle (JMH's warm-up is 3 × 2 s). */
  static final double JAVA_WARM_UP_SECONDS = 10;
  /** Node's warm-up, as bench.js's default (V8 tiers code up over seconds). */
  static final double NODE_WARM_UP_SECONDS = 5;
  /**
   * Unmeasured work at the start of every round, on both sides (serve.js has the same): each
   * process has been idle while the other ran, and its first moments back are not its steady speed.
   */
  static final double PRE_ROLL_SECONDS = 0.25;

  private PairedRounds() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) throw new IllegalArgumentException("usage: PairedRounds CASE [pairs=15] [seconds=1]");
    String name = args[0];
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 1;
    DoubleSupplier ours = sidekickCase(name);
    // a control: our rounds sleep instead of working, to see whether our work slows node's rounds
    boolean idle = Boolean.getBoolean("sidekick.paired.idle");
    if (idle) {
      DoubleSupplier work = ours;
      ours = () -> { sleepQuietly(); return work.getAsDouble(); };
    }
    if (Boolean.getBoolean("sidekick.paired.gapControl")) {
      gapControl(ours, pairs, seconds);
      return;
    }
    String theirs = name.startsWith("inline") ? "inline" : name; // rpg-dice-roller has no parse cache
    Path serveJs = Path.of(System.getProperty("sidekick.serveJs", "bench/dice-js/serve.js"));
    if (!Files.isRegularFile(serveJs)) throw new IllegalArgumentException("no " + serveJs + ": run from the repository root");

    Process node = new ProcessBuilder("node", serveJs.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (Baseline baseline = new Baseline(node)) {
      timed(ours, JAVA_WARM_UP_SECONDS);
      baseline.round(theirs, NODE_WARM_UP_SECONDS);
      double[] java = new double[pairs];
      double[] js = new double[pairs];
      double[] ratio = new double[pairs];
      for (int i = 0; i < pairs; i++) {
        if (i % 2 == 0) {
          java[i] = round(ours, seconds);
          js[i] = baseline.round(theirs, seconds);
        } else {
          js[i] = baseline.round(theirs, seconds);
          java[i] = round(ours, seconds);
        }
        ratio[i] = java[i] / js[i];
        System.err.printf("pair %2d: sidekick %,.0f, rpg-dice-roller %,.0f ops/s, ratio %.1f%n", i + 1, java[i], js[i], ratio[i]);
      }
      Arrays.sort(java);
      Arrays.sort(js);
      Arrays.sort(ratio);
      System.out.printf("| %s | %,.0f | %,.0f | %.1f× (%.1f–%.1f)%s | %d × %s s |%n", name, median(java), median(js),
          median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75), median(ratio) >= 15 ? "" : " MISSED", pairs, seconds);
    } finally {
      node.destroy();
      node.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** The case's work: the JMH benchmarks' own methods, so both harnesses measure the same thing. */
  static DoubleSupplier sidekickCase(String name) {
    InlineBenchmark inline = new InlineBenchmark();
    if (name.equals("inline uncached")) return () -> inline.scanAndRollUncached().length();
    if (name.equals("inline")) return () -> inline.scanAndRoll().length();
    int space = name.indexOf(' ');
    DiceBenchmark dice = new DiceBenchmark();
    dice.expr = name.substring(space + 1);
    String mode = space < 0 ? "" : name.substring(0, space);
    if (mode.equals("uncached") || mode.equals("cached")) dice.setUp();
    if (mode.equals("uncached")) return dice::uncached;
    if (mode.equals("cached")) return dice::cached;
    throw new IllegalArgumentException("unknown case '" + name + "': expected 'inline uncached', 'inline', 'uncached EXPR' or 'cached EXPR'");
  }

  /** Ops per second of {@code work} over about {@code seconds} after the pre-roll. */
  static double round(DoubleSupplier work, double seconds) {
    timed(work, PRE_ROLL_SECONDS);
    return timed(work, seconds);
  }

  /** Ops per second of {@code work} over about {@code seconds}, by the wall clock, in batches of 100 as bench.js. */
  static double timed(DoubleSupplier work, double seconds) {
    double sink = 0;
    long ops = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now = start;
    while (now < end) {
      for (int i = 0; i < 100; i++) sink += work.getAsDouble();
      ops += 100;
      now = System.nanoTime();
    }
    if (sink == 42.4242) System.err.println("unlikely"); // keeps the results alive
    return ops / ((now - start) / 1e9);
  }

  /**
   * A control for the pairing itself: our rounds right after another round of ours, against our
   * rounds after as long idle as a round of node's takes; {@code serve.js} can be fed the same way
   * from a shell. If idling cost one side more than the other, the pairs' ratio would lean.
   */
  static void gapControl(DoubleSupplier ours, int pairs, double seconds) throws InterruptedException {
    timed(ours, JAVA_WARM_UP_SECONDS);
    double[] backToBack = new double[pairs];
    double[] afterGap = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      backToBack[i] = round(ours, seconds);
      Thread.sleep((long) ((seconds + PRE_ROLL_SECONDS) * 1000));
      afterGap[i] = round(ours, seconds);
      System.err.printf("pair %2d: back to back %,.0f, after a gap %,.0f ops/s%n", i + 1, backToBack[i], afterGap[i]);
    }
    Arrays.sort(backToBack);
    Arrays.sort(afterGap);
    System.out.printf("median round: back to back %,.0f, after a gap %,.0f ops/s (after / back to back %.3f)%n",
        median(backToBack), median(afterGap), median(afterGap) / median(backToBack));
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static double median(double[] sorted) {
    return quantile(sorted, 0.5);
  }

  /** Linear interpolation between the closest ranks. */
  static double quantile(double[] sorted, double q) {
    double rank = q * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
  }

  /** The node side: one line out, one line back per round. */
  private static final class Baseline implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Writer in;
    private final BufferedReader out;

    Baseline(Process node) {
      in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
      out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    double round(String name, double seconds) throws IOException {
      in.write(seconds + "\t" + name + "\n");
      in.flush();
      String line = out.readLine();
      if (line == null) throw new IOException("serve.js ended");
      JsonNode answer = JSON.readTree(line);
      if (answer.has("error")) throw new IllegalArgumentException(answer.get("error").asText());
      return answer.get("wall").asDouble();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
