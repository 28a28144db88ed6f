package sidekick.core.facade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import sidekick.core.Attachment;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.core.Event;
import sidekick.core.Principal;
import sidekick.core.TokenSpec;

/** A real core on a temporary data directory, with an admin and a shard principal. */
abstract class CoreTestBase {
  @TempDir Path dir;
  Core core;
  Principal admin;
  Principal shard;

  CoreConfig config() {
    return CoreConfig.builder().randomSeed(7L).tokenPollInterval(Duration.ofMillis(50)).build();
  }

  @BeforeEach
  void openCore() throws IOException {
    core = Core.open(dir, config());
    admin = core.authenticate(Files.readString(core.adminTokenFile()).strip()).orElseThrow();
    shard = core.authenticate(core.createToken(admin, TokenSpec.shard("test")).token()).orElseThrow();
  }

  void reopen() {
    core.close();
    core = Core.open(dir, config());
  }

  @AfterEach
  void closeCore() {
    core.close();
  }

  /** A message from user u1 (Grog) in channel c1, without the plug right. */
  CommandReply say(String text) {
    return say("c1", "u1", text, false);
  }

  CommandReply say(String channel, String user, String text, boolean canManage) {
    return core.handleCommand(shard, new CommandRequest(channel, "s1", user, nameOf(user), text, canManage, null));
  }

  CommandReply sayAsOwner(String text) {
    return say("c1", "u1", text, true);
  }

  CommandReply sayWithAttachment(String text, byte[] wasm) {
    return core.handleCommand(shard,
        new CommandRequest("c1", "s1", "u1", "Grog", text, true, new Attachment("plug.wasm", wasm)));
  }

  static String nameOf(String user) {
    return switch (user) {
      case "u1" -> "Grog";
      case "u2" -> "Pike";
      default -> user;
    };
  }

  List<Event> events(String channel) {
    return core.readEvents(admin, channel, 0, 1000).events();
  }

  static byte[] example(String name) {
    Path p = Path.of("..", "plugs", "examples", "wat", name);
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] testModule(String name) {
    try (var in = CoreTestBase.class.getResourceAsStream("/wasm/" + name)) {
      if (in == null) throw new IllegalStateException("missing test module " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
