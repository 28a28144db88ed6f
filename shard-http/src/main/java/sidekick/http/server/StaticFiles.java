package sidekick.http.server;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web page and the JavaScript client, served from the classpath ({@code sidekick/http/web/},
 * packaged by shard-http's pom): {@code /} is {@code index.html}, {@code /client/...} the client's
 * modules. Files are read once and kept in memory with a strong ETag; the page itself is revalidated
 * on every load ({@code no-cache}) while other files may be cached for a few minutes.
 */
final class StaticFiles {
  static final String ROOT = "sidekick/http/web/";
  static final String INDEX = "index.html";
  static final int MAX_AGE_SECONDS = 300;

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("wasm", "application/wasm"));

  /** A file ready to send. */
  record StaticFile(byte[] bytes, String contentType, String etag, String cacheControl) {}

  private final ClassLoader loader;
  private final Map<String, Optional<StaticFile>> cache = new ConcurrentHashMap<>();

  StaticFiles(ClassLoader loader) {
    this.loader = loader;
  }

  /** The file for a request path, or empty (also for any path trying to leave the web root). */
  Optional<StaticFile> find(String path) {
    String relative = relative(path);
    if (relative == null) return Optional.empty();
    return cache.computeIfAbsent(relative, this::load);
  }

  private static String relative(String path) {
    if (path.isEmpty() || path.equals("/")) return INDEX;
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) p = p + INDEX;
    // a directory would list its files: only names with an extension are files
    if (p.substring(p.lastIndexOf('/') + 1).indexOf('.') <= 0) return null;
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) return null;
      if (segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) return null;
    }
    return p;
  }

  private Optional<StaticFile> load(String relative) {
    try (InputStream in = loader.getResourceAsStream(ROOT + relative)) {
      if (in == null) return Optional.empty();
      byte[] bytes = in.readAllBytes();
      String cacheControl =
          relative.endsWith(".html") ? "no-cache" : "public, max-age=" + MAX_AGE_SECONDS;
      return Optional.of(new StaticFile(bytes, contentType(relative), etag(bytes), cacheControl));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static String contentType(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
