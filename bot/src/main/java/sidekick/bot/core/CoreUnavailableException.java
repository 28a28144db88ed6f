package sidekick.bot.core;

import java.time.Duration;

/** The core could not be reached or is overloaded; the same call may work a little later. */
public class CoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public CoreUnavailableException(String message, Throwable cause) {
    this(message, cause, null);
  }

  public CoreUnavailableException(String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** The wait the core asked for (HTTP 429 Retry-After), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
