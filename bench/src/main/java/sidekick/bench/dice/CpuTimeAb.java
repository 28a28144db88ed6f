package sidekick.bench.dice;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of the uncached inline scan ({@link InlineBenchmark#scanAndRollUncached}'s work) in two
 * builds of the benchmark jar, for a shared, loaded machine: both builds run in ONE JVM, each from
 * its own class loader (so each gets its own JIT-compiled code), in alternating rounds, timed by
 * this thread's CPU time rather than the wall clock, so time-slicing by other processes mostly
 * drops out. Prints ns of CPU per message for each build and the per-round ratio B/A.
 *
 * <pre>java -XX:+UseParallelGC -Xms256m -Xmx256m -cp bench/target/benchmarks.jar sidekick.bench.dice.CpuTimeAb A.jar B.jar [rounds] [messages per round]</pre>
 *
 * The build loaded first tends to come out about 2% faster: run both orders and compare. Run it
 * with the launcher's collector (as above): the mutator's CPU per message depends on it. The same
 * jar twice shows what the JIT's choices are worth: each copy is compiled on its own and often
 * settles on other compiled code (other methods inlined into {@code find}), so the spread of that
 * ratio over several JVMs is the code shape's share of the JMH fork-to-fork spread. On a busy
 * machine the slow rounds are mostly neighbours: the ratio of the fastest rounds is printed too.
 */
public final class CpuTimeAb {
  private CpuTimeAb() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 2) throw new IllegalArgumentException("usage: CpuTimeAb A.jar B.jar [rounds] [messages]");
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int messages = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;
    List<Scan> scans = new ArrayList<>();
    for (int k = 0; k < 2; k++) scans.add(new Scan(Path.of(args[k])));
    // JIT warm-up: at least 2M messages each, so the compiled code has settled before the first round
    for (Scan s : scans) for (long w = 0; w < Math.max(15L * messages, 2_000_000L); w += messages) s.run(messages);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] ns = new double[2][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        long t = mx.getCurrentThreadCpuTime();
        scans.get(k).run(messages);
        ns[k][r] = (mx.getCurrentThreadCpuTime() - t) / (double) messages;
      }
    }
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) ratio[r] = ns[1][r] / ns[0][r];
    double[][] sorted = new double[2][];
    for (int k = 0; k < 2; k++) {
      double[] x = sorted[k] = ns[k].clone();
      Arrays.sort(x);
      System.out.printf("%s: min %.1f, p10 %.1f, median %.1f ns CPU per message%n", args[k], x[0], x[rounds / 10], x[rounds / 2]);
    }
    Arrays.sort(ratio);
    System.out.printf("B/A per round: median %.3f (min %.3f, max %.3f)%n", ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
    // the least disturbed rounds of each build: on a shared machine the slow rounds are mostly neighbours
    double[] a = sorted[0];
    double[] b = sorted[1];
    System.out.printf("B/A of the p10 rounds: %.3f, of the fastest: %.3f%n", b[rounds / 10] / a[rounds / 10], b[0] / a[0]);
  }

  /** One build's engine with the parse cache off, called through method handles. */
  private static final class Scan {
    private final Object dice;
    private final Object noSavedRolls;
    private final MethodHandle perRoll;
    private final MethodHandle rollInline;
    private final MethodHandle text;

    Scan(Path jar) throws Throwable {
      ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> limits = loader.loadClass("sidekick.dice.DiceLimits");
      Class<?> diceClass = loader.loadClass("sidekick.dice.Dice");
      Class<?> random = loader.loadClass("sidekick.dice.RandomSource");
      Class<?> saved = loader.loadClass("sidekick.dice.SavedRolls");
      Class<?> result = loader.loadClass("sidekick.dice.InlineResult");
      Object defaults = limits.getField("DEFAULTS").get(null);
      Object noCache = limits.getMethod("withParseCacheSize", int.class).invoke(defaults, 0);
      dice = diceClass.getConstructor(limits).newInstance(noCache);
      noSavedRolls = saved.getField("NONE").get(null);
      perRoll = lookup.findStatic(random, "perRoll", MethodType.methodType(random)).asType(MethodType.methodType(Object.class));
      rollInline =
          lookup.findVirtual(diceClass, "rollInline", MethodType.methodType(result, String.class, random, saved))
              .asType(MethodType.methodType(Object.class, Object.class, String.class, Object.class, Object.class));
      text = lookup.findVirtual(result, "text", MethodType.methodType(String.class)).asType(MethodType.methodType(String.class, Object.class));
    }

    void run(int messages) throws Throwable {
      int sink = 0;
      for (int i = 0; i < messages; i++) {
        Object rolled = (Object) rollInline.invokeExact(dice, InlineBenchmark.MESSAGE, (Object) perRoll.invokeExact(), noSavedRolls);
        sink += ((String) text.invokeExact(rolled)).length();
      }
      if (sink == 42) System.out.print(""); // keep the work
    }
  }
}
