package sidekick.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.core.Principal;
import sidekick.core.TokenKind;

/** sidekick token new|revoke|ls through the real command line, on a real data directory. */
class TokenCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  @Test
  void newPrintsOnlyTheTokenWhichTheCoreAccepts() {
    Run r = run("token", "new", "--kind", "shard", "--label", "eu", "--data", data());
    assertThat(r.exit()).isZero();
    String token = r.out().strip();
    assertThat(token).startsWith("sk_shard_").doesNotContain("\n");
    assertThat(r.err()).contains("shown only this once");
    try (Core core = Core.open(dir.resolve("data"), CoreConfig.defaults())) {
      assertThat(core.authenticate(token)).map(Principal::kind).contains(TokenKind.SHARD);
    }
  }

  @Test
  void appTokensNeedUserAndChannel() throws Exception {
    assertThat(run("token", "new", "--kind", "app", "--data", data()).exit()).isEqualTo(2);
    assertThat(run("token", "new", "--kind", "shard", "--user", "u1", "--data", data()).exit()).isEqualTo(2);
    assertThat(run("token", "new", "--kind", "wizard", "--data", data()).exit()).isEqualTo(2);
    assertThat(run("token", "new", "--kind", "admin", "--data", data()).exit()).isEqualTo(2);
    Run r = run("token", "new", "--kind", "app", "--user", "u1", "--channel", "c1", "--manage-plugs", "--json",
        "--data", data());
    assertThat(r.exit()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("kind").asText()).isEqualTo("app");
    assertThat(j.get("user").asText()).isEqualTo("u1");
    assertThat(j.get("channel").asText()).isEqualTo("c1");
    assertThat(j.get("canManagePlugs").asBoolean()).isTrue();
    assertThat(j.get("token").asText()).startsWith("sk_app_" + j.get("id").asText() + "_");
  }

  @Test
  void revokeAndList() throws Exception {
    JsonNode made = JSON.readTree(run("token", "new", "--kind", "shard", "--json", "--data", data()).out());
    String id = made.get("id").asText();
    Run ls = run("token", "ls", "--data", data());
    assertThat(ls.exit()).isZero();
    assertThat(ls.out()).contains(id).contains("shard").doesNotContain(made.get("token").asText());

    Run revoke = run("token", "revoke", id, "--data", data());
    assertThat(revoke.exit()).isZero();
    assertThat(revoke.out()).contains("revoked shard token " + id);
    assertThat(run("token", "ls", "--data", data()).out()).doesNotContain(id);
    JsonNode all = JSON.readTree(run("token", "ls", "--all", "--json", "--data", data()).out());
    assertThat(all).anySatisfy(t -> {
      assertThat(t.get("id").asText()).isEqualTo(id);
      assertThat(t.get("revokedAt").isNull()).isFalse();
    });
    try (Core core = Core.open(dir.resolve("data"), CoreConfig.defaults())) {
      assertThat(core.authenticate(made.get("token").asText())).isEmpty();
    }
    assertThat(run("token", "revoke", "nosuchid", "--data", data()).exit()).isEqualTo(2);
  }

  @Test
  void anEmptyDataDirectoryIsABadInputForRevokeAndLs() {
    Run r = run("token", "ls", "--data", dir.resolve("nothing").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no Sidekick data");
    assertThat(run("token").exit()).isEqualTo(2);
  }
}
