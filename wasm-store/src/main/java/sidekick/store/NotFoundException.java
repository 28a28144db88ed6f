package sidekick.store;

/** No plug of that name in that channel, or no blob with that hash (HTTP 404). */
public final class NotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
