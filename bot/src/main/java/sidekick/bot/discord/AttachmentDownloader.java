package sidekick.bot.discord;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.entities.Message;
import sidekick.bot.commands.UserFacingException;

/**
 * Downloads an uploaded file (a plug module) with a size cap: a file announced larger than the cap
 * is refused before any byte is fetched, and a download that runs past it is cut off.
 */
final class AttachmentDownloader {
  /** A download slower than this is abandoned. */
  static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);

  /** Where Discord serves attachments from; other hosts are refused unless any host is allowed. */
  static final List<String> DISCORD_CDN_HOSTS = List.of("cdn.discordapp.com", "media.discordapp.net");

  private final long maxBytes;
  private final boolean anyHost;
  private final HttpClient http;
  private final Executor reader;

  /**
   * @param anyHost download from any URL (a fake or proxy Discord); otherwise only https from
   *     Discord's CDN, so a forged event cannot make the shard fetch an internal address
   */
  AttachmentDownloader(long maxBytes, boolean anyHost, Executor reader) {
    this.maxBytes = maxBytes;
    this.anyHost = anyHost;
    this.reader = reader;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  CompletableFuture<byte[]> download(Message.Attachment attachment) {
    if (attachment.getSize() > maxBytes) {
      return CompletableFuture.failedFuture(tooLarge(attachment.getFileName()));
    }
    URI url = URI.create(attachment.getUrl());
    if (!allowed(url, anyHost)) {
      return CompletableFuture.failedFuture(
          new UserFacingException("I only download attachments from Discord's own servers."));
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(DOWNLOAD_TIMEOUT).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .thenApplyAsync(response -> read(attachment.getFileName(), response), reader);
  }

  static boolean allowed(URI url, boolean anyHost) {
    return anyHost || ("https".equals(url.getScheme()) && DISCORD_CDN_HOSTS.contains(url.getHost()));
  }

  private byte[] read(String name, HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new UserFacingException("I could not download `" + name + "` (HTTP " + response.statusCode() + ").");
      }
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) throw tooLarge(name);
      return bytes;
    } catch (IOException e) {
      throw new CompletionException(new UserFacingException("I could not download `" + name + "`: " + e.getMessage()));
    }
  }

  private UserFacingException tooLarge(String name) {
    return new UserFacingException("`" + name + "` is larger than the " + (maxBytes / 1024) + " KiB a plug may be.");
  }
}
