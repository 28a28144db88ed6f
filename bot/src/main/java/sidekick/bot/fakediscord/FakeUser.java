package sidekick.bot.fakediscord;

/** A Discord user in the fake: a person or a bot. */
public record FakeUser(long id, String name, boolean bot) {
  public static FakeUser person(long id, String name) {
    return new FakeUser(id, name, false);
  }

  public static FakeUser bot(long id, String name) {
    return new FakeUser(id, name, true);
  }
}
