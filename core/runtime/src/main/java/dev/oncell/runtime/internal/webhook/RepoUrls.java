package dev.oncell.runtime.internal.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Repository URLs in one comparable form, so that a customer's {@code config.repoUrl} and the URLs
 * in a forge's payload name the same repository however each is written: the scheme and user info
 * are dropped, the host is lower-cased (its port kept), and a trailing {@code /} and {@code .git}
 * are stripped. {@code git@host:owner/repo.git} (scp-like) becomes {@code host/owner/repo}.
 */
final class RepoUrls {

  private RepoUrls() {}

  /** The comparable form of {@code url}, or empty for something that names no repository. */
  static Optional<String> normalise(String url) {
    if (url == null || url.isBlank() || url.length() > 2048) {
      return Optional.empty();
    }
    String text = url.strip();
    String host;
    String path;
    if (!text.contains("://") && text.matches("[^/@\\s]+@[^/:\\s]+:.+")) {
      int at = text.indexOf('@');
      int colon = text.indexOf(':', at);
      host = text.substring(at + 1, colon);
      path = "/" + text.substring(colon + 1);
    } else {
      try {
        URI uri = new URI(text);
        if (uri.getHost() == null || uri.getRawPath() == null) {
          return Optional.empty();
        }
        host = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        path = uri.getRawPath();
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
    }
    while (path.endsWith("/") || path.endsWith(".git")) {
      path =
          path.endsWith("/")
              ? path.substring(0, path.length() - 1)
              : path.substring(0, path.length() - 4);
    }
    if (path.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(host.toLowerCase(Locale.ROOT) + path);
  }
}
