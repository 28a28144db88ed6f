package sidekick.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Synthetic module-like bytes for tests: compressible, deterministic per seed. */
final class Modules {
  private static final String[] WORDS = {
    "local.get", "i32.add", "call", "br_if", "i64.load", "memory.grow", "block", "loop", "end",
    "i32.const", "f64.mul", "select", "drop", "return", "global.set", "table.get", "unreachable",
  };

  private Modules() {}

  /** A module-like byte array of about {@code size} bytes. */
  static byte[] module(long seed, int size) {
    SplittableRandom r = new SplittableRandom(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
    out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    while (out.size() < size) {
      String w = WORDS[r.nextInt(WORDS.length)];
      out.writeBytes(w.getBytes(StandardCharsets.US_ASCII));
      out.write(r.nextInt(256)); // an operand: keeps it from compressing too well
      out.write(' ');
    }
    byte[] b = out.toByteArray();
    return java.util.Arrays.copyOf(b, size);
  }

  /** A shared library followed by a small plug-specific part, as linked plugs look. */
  static byte[] linked(byte[] library, long plugSeed, int plugSize) {
    byte[] plug = module(plugSeed, plugSize);
    byte[] out = new byte[library.length + plugSize];
    System.arraycopy(plug, 0, out, 0, 8);
    System.arraycopy(library, 8, out, 8, library.length - 8);
    System.arraycopy(plug, 0, out, library.length, plugSize);
    return out;
  }
}
