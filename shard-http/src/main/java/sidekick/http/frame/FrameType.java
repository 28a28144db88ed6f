package sidekick.http.frame;

/** The frame types of CONTRACT §3, by their wire code. */
public enum FrameType {
  MESSAGE(0),
  BROADCAST(1),
  AUTH(2),
  SYNC(3),
  ERROR(4),
  NOT_FOUND(5);

  private static final FrameType[] BY_CODE = values();

  private final int code;

  FrameType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type for a wire code, or null when the code names no type. */
  public static FrameType ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
