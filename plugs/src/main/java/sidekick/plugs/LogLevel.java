package sidekick.plugs;

/** Extism log levels, in the order of {@code get_log_level} (trace is 0). */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR
}
