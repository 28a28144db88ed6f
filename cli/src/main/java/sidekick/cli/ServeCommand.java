package sidekick.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.core.CoreException;
import sidekick.http.server.ServerConfig;
import sidekick.http.server.SidekickServer;

/**
 * {@code sidekick serve}: opens the core on the data directory and serves it (HTTP API, WebSocket,
 * web page, metrics) until SIGTERM or SIGINT, then shuts down gracefully: the port closes, requests
 * in flight finish, WebSocket clients are told, the databases close.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the core server: HTTP API, WebSocket feed, web page, /metrics, /healthz.",
      "Writes an admin token to DATA/admin.token on the first start. Stops gracefully on Ctrl-C / SIGTERM."
    })
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port = ServerConfig.DEFAULT_PORT;

  @Option(names = "--bind", paramLabel = "HOST", description = "Address to listen on; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE}.")
  String bind = ServerConfig.DEFAULT_BIND;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (databases, admin token). Default: ${DEFAULT-VALUE}.")
  Path data = Path.of("sidekick-data");

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "TLS certificate chain (PEM); serves https and wss.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "TLS private key (PKCS#8 PEM).")
  Path tlsKey;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
      description = "Origin allowed to call the API from a browser (repeatable; * for any).")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--max-body-bytes", paramLabel = "BYTES", description = "Largest JSON request body. Default: ${DEFAULT-VALUE}.")
  int maxBodyBytes = ServerConfig.DEFAULT_MAX_BODY_BYTES;

  @Option(names = "--max-upload-bytes", paramLabel = "BYTES", description = "Largest plug upload. Default: ${DEFAULT-VALUE}.")
  int maxUploadBytes = ServerConfig.DEFAULT_MAX_UPLOAD_BYTES;

  @Option(names = "--max-frame-bytes", paramLabel = "BYTES", description = "Largest WebSocket message (plug uploads excepted). Default: ${DEFAULT-VALUE}.")
  int maxFrameBytes = ServerConfig.DEFAULT_MAX_FRAME_BYTES;

  @Option(names = "--token-rate", paramLabel = "PER_SECOND", description = "Requests per second per token (0: no limit). Default: ${DEFAULT-VALUE}.")
  double tokenRate = ServerConfig.DEFAULT_TOKEN_RATE;

  @Option(names = "--token-burst", paramLabel = "N", description = "Burst per token. Default: ${DEFAULT-VALUE}.")
  double tokenBurst = ServerConfig.DEFAULT_TOKEN_BURST;

  @Option(names = "--channel-rate", paramLabel = "PER_SECOND", description = "Commands per second per channel (0: no limit). Default: ${DEFAULT-VALUE}.")
  double channelRate = ServerConfig.DEFAULT_CHANNEL_RATE;

  @Option(names = "--channel-burst", paramLabel = "N", description = "Burst per channel. Default: ${DEFAULT-VALUE}.")
  double channelBurst = ServerConfig.DEFAULT_CHANNEL_BURST;

  @Option(names = "--anonymous-rate", paramLabel = "PER_SECOND", description = "Calls without a token (bind codes) per second per client address (0: no limit). Default: ${DEFAULT-VALUE}.")
  double anonymousRate = ServerConfig.DEFAULT_ANONYMOUS_RATE;

  @Option(names = "--anonymous-burst", paramLabel = "N", description = "Burst per client address. Default: ${DEFAULT-VALUE}.")
  double anonymousBurst = ServerConfig.DEFAULT_ANONYMOUS_BURST;

  @Option(names = "--max-long-poll-seconds", paramLabel = "SECONDS", description = "Longest long-poll wait. Default: ${DEFAULT-VALUE}.")
  int maxLongPollSeconds = ServerConfig.DEFAULT_MAX_LONG_POLL_SECONDS;

  @Option(names = "--idle-timeout-seconds", paramLabel = "SECONDS", description = "Idle connections are closed after this. Default: ${DEFAULT-VALUE}.")
  long idleTimeoutSeconds = ServerConfig.DEFAULT_IDLE_TIMEOUT.toSeconds();

  @Option(names = "--request-read-timeout-seconds", paramLabel = "SECONDS", description = "A started request must be sent within this. Default: ${DEFAULT-VALUE}.")
  long requestReadTimeoutSeconds = ServerConfig.DEFAULT_REQUEST_READ_TIMEOUT.toSeconds();

  @Option(names = "--workers", paramLabel = "N", description = "Worker threads for the core's blocking work. Default: 2 per CPU, at least 4.")
  Integer workers;

  @Option(names = "--io-threads", paramLabel = "N", description = "Netty event loop threads. Default: 1 per CPU.")
  Integer ioThreads;

  @Option(names = "--shutdown-drain-seconds", paramLabel = "SECONDS", description = "How long a shutdown waits for requests in flight. Default: ${DEFAULT-VALUE}.")
  long drainSeconds = ServerConfig.DEFAULT_SHUTDOWN_DRAIN.toSeconds();

  @Option(names = "--answer-after-commit", negatable = true,
      description = "Answer a command only once its feed events are committed to disk (an answered roll survives a crash; costs latency under load). Default: ${DEFAULT-VALUE}.")
  boolean answerAfterCommit = ServerConfig.DEFAULT_REPLY_AFTER_COMMIT;

  @Option(names = "--commands-on-event-loop", negatable = true,
      description = "Let the network threads answer a command that needs nothing blocking (a roll in a channel without plugs) themselves instead of handing it to a worker (no hand-over, but a longer tail latency under load on few cores). Default: ${DEFAULT-VALUE}.")
  boolean commandsOnEventLoop = ServerConfig.DEFAULT_COMMANDS_ON_EVENT_LOOP;

  @Option(names = "--event-commit-window-ms", paramLabel = "MILLIS",
      description = "How long the event writer gathers feed events no one waits for into one commit (0: commit at once; a kill -9 may lose this much of answered commands' feed events). Default: ${DEFAULT-VALUE}.")
  long eventCommitWindowMillis = CoreConfig.DEFAULT_EVENT_COMMIT_WINDOW.toMillis();

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Runnable stopAction;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = serverConfig();
    CoreConfig coreConfig = coreConfig();
    PrintWriter out = spec.commandLine().getOut();
    Files.createDirectories(data);
    Core core;
    try {
      core = Core.open(data, coreConfig);
    } catch (CoreException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    SidekickServer server;
    try {
      server = SidekickServer.start(core, config);
    } catch (Exception e) {
      core.close();
      spec.commandLine().getErr().println("error: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    Thread hook = new Thread(() -> {
      shutDown(server, core);
      flushLogs(); // the JVM is exiting: the asynchronous appender would drop the last lines
    }, "sidekick-shutdown");
    stopAction = () -> shutDown(server, core);
    Runtime.getRuntime().addShutdownHook(hook);
    out.println((core.adminTokenCreated() ? "admin token written to " : "admin token in ") + core.adminTokenFile());
    out.println("listening on " + server.url());
    out.flush();
    stopped.await();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: the JVM is exiting anyway
    }
    return Main.EXIT_OK;
  }

  /** Stops a running serve as SIGTERM would (for tests and embedding). */
  void stop() {
    Runnable r = stopAction;
    if (r != null) r.run();
  }

  private synchronized void shutDown(SidekickServer server, Core core) {
    if (stopped.getCount() == 0) return;
    try {
      server.close();
      core.close();
      LOG.info("stopped");
    } finally {
      stopped.countDown();
    }
  }

  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback.stop();
    }
  }

  private CoreConfig coreConfig() {
    if (eventCommitWindowMillis < 0 || eventCommitWindowMillis > CoreConfig.MAX_EVENT_COMMIT_WINDOW.toMillis()) {
      throw new UserInputException("--event-commit-window-ms must be between 0 and "
          + CoreConfig.MAX_EVENT_COMMIT_WINDOW.toMillis());
    }
    return CoreConfig.builder().eventCommitWindow(Duration.ofMillis(eventCommitWindowMillis)).build();
  }

  private ServerConfig serverConfig() {
    if (port < 0 || port > 65535) throw new UserInputException("--port must be between 0 and 65535");
    if ((tlsCert == null) != (tlsKey == null)) throw new UserInputException("--tls-cert and --tls-key go together");
    for (Path p : new Path[] {tlsCert, tlsKey}) {
      if (p != null && !Files.isReadable(p)) throw new UserInputException("cannot read " + p);
    }
    if (maxBodyBytes <= 0 || maxUploadBytes <= 0 || maxFrameBytes <= 0) {
      throw new UserInputException("size limits must be positive");
    }
    if (tokenRate < 0 || channelRate < 0 || tokenBurst < 0 || channelBurst < 0 || anonymousRate < 0 || anonymousBurst < 0) {
      throw new UserInputException("rates and bursts must not be negative");
    }
    if (maxLongPollSeconds < 0 || idleTimeoutSeconds <= 0 || requestReadTimeoutSeconds <= 0 || drainSeconds < 0) {
      throw new UserInputException("timeouts must be positive");
    }
    if ((workers != null && workers <= 0) || (ioThreads != null && ioThreads <= 0)) {
      throw new UserInputException("--workers and --io-threads must be positive");
    }
    if (maxLongPollSeconds >= idleTimeoutSeconds) {
      throw new UserInputException("--max-long-poll-seconds must be shorter than --idle-timeout-seconds");
    }
    ServerConfig.Builder b = ServerConfig.builder()
        .bind(bind, port)
        .corsOrigins(corsOrigins)
        .maxBodyBytes(maxBodyBytes)
        .maxUploadBytes(maxUploadBytes)
        .maxFrameBytes(maxFrameBytes)
        .tokenRate(tokenRate, tokenBurst)
        .channelRate(channelRate, channelBurst)
        .anonymousRate(anonymousRate, anonymousBurst)
        .maxLongPollSeconds(maxLongPollSeconds)
        .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
        .requestReadTimeout(Duration.ofSeconds(requestReadTimeoutSeconds))
        .shutdownDrain(Duration.ofSeconds(drainSeconds))
        .replyAfterCommit(answerAfterCommit)
        .commandsOnEventLoop(commandsOnEventLoop);
    if (tlsCert != null) b.tls(tlsCert, tlsKey);
    if (workers != null) b.workerThreads(workers);
    if (ioThreads != null) b.ioThreads(ioThreads);
    return b.build();
  }
}
