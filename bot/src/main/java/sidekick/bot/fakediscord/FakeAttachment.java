package sidekick.bot.fakediscord;

/** A file hosted by the fake, downloadable from {@code url}. */
public record FakeAttachment(long id, String name, byte[] bytes, String url) {}
