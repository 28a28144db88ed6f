package sidekick.bot.discord;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

  private final long maxBytes;
  private final HttpClient http;
  private final Executor reader;

  AttachmentDownloader(long maxBytes, Executor reader) {
    this.maxBytes = maxBytes;
    this.reader = reader;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  CompletableFuture<byte[]> download(Message.Attachment attachment) {
    if (attachment.getSize() > maxBytes) {
      return CompletableFuture.failedFuture(tooLarge(attachment.getFileName()));
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(attachment.getUrl())).timeout(DOWNLOAD_TIMEOUT).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .thenApplyAsync(response -> read(attachment.getFileName(), response), reader);
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
