package sidekick.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sidekick.core.CommandReply;
import sidekick.core.RollResult;

/**
 * The streamed answer is byte for byte what Jackson writes for the answer's tree, however many answers
 * a thread has written before and on however many threads.
 */
class CommandReplyJsonTest {
  static Stream<CommandReply> replies() {
    return Stream.of(
        CommandReply.none(12),
        new CommandReply("**Grog**: 1d20 (8) + 5 = `13`",
            List.of(new RollResult("1d20+5", 13L, "1d20 (8) + 5 = `13`")), 29551, false),
        new CommandReply("two", List.of(new RollResult("1d6", 4, "1d6 (4)"),
            new RollResult("15/2", 7.5, "15/2 = `7.5`"), new RollResult("x", -0.1 + 0.3, "t")), 0, false),
        new CommandReply("no rolls", List.of(), Long.MAX_VALUE, true),
        new CommandReply("quote \" backslash \\ tab\t newline\n bell\u0007 del\u007f slash / <script>",
            List.of(new RollResult("a\"b", Long.MIN_VALUE, "c\\d")), 1, false),
        new CommandReply("Grög ⚔ 🎲 日本", List.of(new RollResult("1d6 # 🎲", 3, "é")), 5, true),
        new CommandReply("odd numbers", List.of(new RollResult("n", Double.NaN, "nan"),
            new RollResult("i", Double.POSITIVE_INFINITY, "inf"), new RollResult("b", new BigDecimal("1.50"), "big"),
            new RollResult("f", 2.5f, "float"), new RollResult("null", null, null)), 3, false),
        new CommandReply("", List.of(new RollResult("", (short) 7, "")), 0, false),
        new CommandReply("unpaired \ud800 and \udc00 halves", List.of(new RollResult("x\ud83c", 1, "y")), 2, false),
        // longer than the generator's buffer: written out in several pieces
        new CommandReply("é🎲\"".repeat(9_000), List.of(new RollResult("1d6", 2, "x".repeat(20_000))), 7, false));
  }

  @ParameterizedTest
  @MethodSource("replies")
  void writesTheSameBytesAsTheTree(CommandReply reply) {
    assertThat(written(reply)).isEqualTo(treeBytes(reply));
  }

  @Test
  void writesTheUsualRollAsExpected() {
    assertThat(written(new CommandReply("r", List.of(new RollResult("1d20+5", 13L, "t")), 42, false)))
        .isEqualTo("{\"reply\":\"r\",\"rolls\":[{\"expr\":\"1d20+5\",\"total\":13,\"text\":\"t\"}],\"micros\":42}");
  }

  @Test
  void answersInARowAreEachWholeAndAlone() {
    List<CommandReply> all = replies().toList();
    for (int round = 0; round < 3; round++) {
      for (CommandReply reply : all) {
        assertThat(written(reply)).isEqualTo(treeBytes(reply));
      }
    }
  }

  @Test
  void threadsWritingAtOnceGetTheirOwnAnswers() throws Exception {
    List<CommandReply> all = replies().toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        runs.add(pool.submit(() -> {
          int checked = 0;
          for (int i = 0; i < 2_000; i++) {
            CommandReply reply = all.get((i + offset) % all.size());
            assertThat(written(reply)).isEqualTo(treeBytes(reply));
            checked++;
          }
          return checked;
        }));
      }
      for (Future<Integer> run : runs) assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(2_000);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String treeBytes(CommandReply reply) {
    return new String(Json.bytes(Api.commandReplyJson(reply)), StandardCharsets.UTF_8);
  }

  private static String written(CommandReply reply) {
    return new String(CommandReplyJson.bytes(reply), StandardCharsets.UTF_8);
  }
}
