package sidekick.store;

/** The module is bigger than {@link StoreConfig#maxModuleBytes()}; nothing was stored (HTTP 413). */
public final class ModuleTooLargeException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final long length;
  private final long limit;

  public ModuleTooLargeException(long length, long limit) {
    super("module is " + length + " bytes, the limit is " + limit + " bytes");
    this.length = length;
    this.limit = limit;
  }

  public long length() {
    return length;
  }

  public long limit() {
    return limit;
  }
}
