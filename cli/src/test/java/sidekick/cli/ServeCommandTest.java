package sidekick.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sidekick serve} end to end: starts, says where, serves, stops gracefully. */
@Timeout(120)
class ServeCommandTest {
  @TempDir Path data;

  record Running(CommandLine cli, CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
    ServeCommand command() {
      return cli.getSubcommands().get("serve").getCommand();
    }
  }

  Running serve(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
    return new Running(cli, exit, out, err);
  }

  static String awaitUrl(Running r) throws InterruptedException {
    Pattern p = Pattern.compile("listening on (http://[^\\s]+)");
    for (int i = 0; i < 600; i++) {
      Matcher m = p.matcher(r.out.toString());
      if (m.find()) return m.group(1);
      if (r.exit.isDone()) throw new AssertionError("serve ended: " + r.err + r.out);
      Thread.sleep(50);
    }
    throw new AssertionError("no 'listening on' line: " + r.out + r.err);
  }

  @Test
  void servesAndStopsGracefully() throws Exception {
    Running r = serve("serve", "--port", "0", "--data", data.toString());
    String url = awaitUrl(r);
    assertThat(url).startsWith("http://127.0.0.1:");
    Path token = data.resolve("admin.token");
    assertThat(r.out.toString()).contains("admin token written to " + token);
    assertThat(Files.getPosixFilePermissions(token))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    HttpClient http = HttpClient.newHttpClient();
    assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok\n");
    HttpResponse<String> roll = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/commands"))
        .header("Authorization", "Bearer " + Files.readString(token).trim())
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"channel\":\"c1\",\"user\":\"u1\",\"userName\":\"Grog\",\"text\":\"/r 1d20+5\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(roll.statusCode()).isEqualTo(200);
    assertThat(roll.body()).contains("\"rolls\"");
    r.command().stop();
    assertThat(r.exit.get(30, TimeUnit.SECONDS)).isEqualTo(Main.EXIT_OK);

    // a second start finds the token and does not write a new one
    Running again = serve("serve", "--port", "0", "--data", data.toString());
    awaitUrl(again);
    assertThat(again.out.toString()).contains("admin token in " + token);
    again.command().stop();
    assertThat(again.exit.get(30, TimeUnit.SECONDS)).isEqualTo(Main.EXIT_OK);
  }

  /** A real process: SIGTERM (Process.destroy) stops it through the shutdown hook, cleanly. */
  @Test
  void sigtermStopsAServerProcessGracefully() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "sidekick.cli.Main", "serve", "--port", "0", "--data", data.toString())
        .redirectError(data.resolve("stderr.log").toFile()).start();
    try {
      java.io.BufferedReader out = new java.io.BufferedReader(
          new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      String line;
      String url = null;
      while (url == null && (line = out.readLine()) != null) {
        if (line.startsWith("listening on ")) url = line.substring("listening on ".length());
      }
      assertThat(url).isNotNull();
      HttpClient http = HttpClient.newHttpClient();
      assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the hooks ran
      String err = Files.readString(data.resolve("stderr.log")); // destroy() closes the process's pipes
      assertThat(err).contains("shutting down").contains("stopped");
      assertThat(data.resolve("sidekick.db")).exists();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void badFlagsExitWith2() throws Exception {
    assertThat(serve("serve", "--port", "70000", "--data", data.toString()).exit.get(30, TimeUnit.SECONDS))
        .isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(serve("serve", "--tls-cert", "x.pem", "--data", data.toString()).exit.get(30, TimeUnit.SECONDS))
        .isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(serve("serve", "--port", "nope").exit.get(30, TimeUnit.SECONDS)).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(serve("serve", "--event-commit-window-ms", "-1", "--data", data.toString()).exit.get(30, TimeUnit.SECONDS))
        .isEqualTo(Main.EXIT_BAD_INPUT);
  }

  @Test
  void busyPortExitsWith1AndSaysWhy() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Running r = serve("serve", "--port", String.valueOf(taken.getLocalPort()), "--data", data.toString());
      assertThat(r.exit.get(60, TimeUnit.SECONDS)).isEqualTo(Main.EXIT_FAILURE);
      assertThat(r.err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void helpListsTheFlags() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute("serve", "--help")).isZero();
    assertThat(out.toString()).contains("--port", "--bind", "--data", "--tls-cert", "--cors-origin", "--token-rate",
        "--event-commit-window-ms");
  }
}
