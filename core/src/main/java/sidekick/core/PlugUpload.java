package sidekick.core;

/** The answer to a plug upload: {@code 201 {"name", "hash", "len", "compileMillis"}}. */
public record PlugUpload(String name, String hash, long len, long compileMillis, boolean replaced) {}
