package sidekick.bench.plugs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import sidekick.plugs.CommandInput;

/** Modules and commands the plug benchmarks share. */
final class PlugFixtures {
  /** A trivial C plug (examples/c/greet.c): replies to "/hello ...". */
  static final String C_PLUG = "greet.wasm";
  /** An AssemblyScript plug (examples/assemblyscript/dice-words.ts, as built by build.sh): rewrites "adv". */
  static final String AS_PLUG = "dice-words.wasm";
  /**
   * A 15 KB module for the upload benchmark: dice-words as it was first built (AssemblyScript's
   * incremental runtime, {@code --optimize}), kept so the figure stays comparable.
   */
  static final String UPLOAD_14KB = "upload-14kb.wasm";
  /** The AssemblyScript scaffold of `sidekick plug new echo --lang assemblyscript`: prefix check and reply. */
  static final String AS_ECHO_PLUG = "as-echo.wasm";
  /** A generated C plug of about 1.5 MB of code (bench/plugs/gen-big-plug.py). */
  static final String BIG_PLUG = "big-plug.wasm";

  /** 100-byte commands, one each plug answers. */
  static final String C_COMMAND =
      "/hello there! I swing my great axe at the goblin for 2d6+3 slashing, then dodge behind a pillar.";
  static final String AS_ECHO_COMMAND =
      "/echo I swing my great axe at the goblin for 2d6+3 slashing, then I dodge behind the big pillar.";
  static final String AS_COMMAND =
      "/r adv+5 to hit the goblin chief with my longsword, then 1d8+3 slashing if it hits, for the glory!";

  private PlugFixtures() {}

  static byte[] module(String name) {
    try (InputStream in = PlugFixtures.class.getResourceAsStream("/sidekick/bench/plugs/" + name)) {
      if (in == null) throw new IllegalStateException("missing " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CommandInput command(String text) {
    return CommandInput.of(text, "c1", "s1", "u1", "Grog");
  }

  /**
   * The module with a custom section holding {@code salt} appended: same code, new sha256, so an
   * upload benchmark compiles every time instead of hitting the cache.
   */
  static byte[] salted(byte[] module, long salt) {
    byte[] name = "bench-salt".getBytes(StandardCharsets.UTF_8);
    int payload = 1 + name.length + 8;
    ByteBuffer b = ByteBuffer.allocate(module.length + 2 + payload);
    b.put(module).put((byte) 0).put((byte) payload).put((byte) name.length).put(name).putLong(salt);
    return b.array();
  }
}
