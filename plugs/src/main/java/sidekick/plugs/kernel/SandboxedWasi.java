package sidekick.plugs.kernel;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import sidekick.plugs.LogLevel;

/**
 * WASI preview 1 as CONTRACT §4 allows it: no files (no preopened directories), no sockets, empty
 * arguments and environment, empty stdin; clocks and random work; stdout and stderr go to the
 * plug's log, line by line, within the per-call log budget.
 */
public final class SandboxedWasi {
  public static final String MODULE = "wasi_snapshot_preview1";

  private SandboxedWasi() {}

  public static List<HostFunction> functions(KernelSession session) {
    WasiOptions options =
        WasiOptions.builder()
            .withStdin(new ByteArrayInputStream(new byte[0]))
            .withStdout(new LogStream(session, LogLevel.INFO))
            .withStderr(new LogStream(session, LogLevel.WARN))
            .build();
    return Arrays.asList(WasiPreview1.builder().withOptions(options).build().toHostFunctions());
  }

  /** Every WASI function with its type (for the upload check). */
  public static List<HostFunction> signatures() {
    return Arrays.asList(
        WasiPreview1.builder().withOptions(WasiOptions.builder().build()).build().toHostFunctions());
  }

  /** Turns written bytes into log lines. */
  private static final class LogStream extends OutputStream {
    private static final int MAX_LINE = 4096;
    private final KernelSession session;
    private final LogLevel level;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LogStream(KernelSession session, LogLevel level) {
      this.session = session;
      this.level = level;
    }

    @Override
    public void write(int b) {
      if (b == '\n' || line.size() >= MAX_LINE) {
        flush();
        if (b == '\n') return;
      }
      line.write(b);
    }

    @Override
    public void flush() {
      if (line.size() > 0) {
        session.log(level, line.toByteArray());
        line.reset();
      }
    }
  }
}
