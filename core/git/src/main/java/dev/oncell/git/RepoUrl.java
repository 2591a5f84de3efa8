package dev.oncell.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A remote repository's URL, checked before anything connects: an absolute {@code https://} or
 * {@code http://} URL with a host, and nothing else. Refused with {@code invalid_repo_url}: {@code
 * file://} and every other scheme (ssh, git, ext), scp-like {@code host:path}, local paths, user
 * info ({@code user:password@}: credentials are held by the host, never put in a URL), queries,
 * fragments, control characters and whitespace (raw or percent-encoded), and {@code ..} segments.
 *
 * <p>A cell must not clone the host's files: with only http(s) accepted, JGit never opens a local
 * path for a URL given by a customer.
 */
public final class RepoUrl {

  static final int MAX_LENGTH = 2048;
  private static final Pattern SCP_LIKE = Pattern.compile("^[^/:]+:.*");

  private final URI uri;
  private final String host;

  private RepoUrl(URI uri) {
    this.uri = uri;
    this.host = uri.getHost().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses and checks {@code url}.
   *
   * @throws GitException {@code invalid_repo_url} (INVALID) for anything but a plain http(s) URL
   */
  public static RepoUrl parse(String url) {
    Objects.requireNonNull(url, "url");
    if (url.isEmpty() || url.length() > MAX_LENGTH) {
      throw invalid(url, "it is empty or longer than " + MAX_LENGTH + " characters");
    }
    if (hasControlOrSpace(url)) {
      throw invalid(url, "it contains a control character or whitespace");
    }
    if (url.startsWith("/") || url.startsWith(".") || url.startsWith("~") || url.startsWith("\\")) {
      throw invalid(url, "a local path is not a remote; use an https:// URL");
    }
    if (!url.contains("://")) {
      if (SCP_LIKE.matcher(url).matches() && !url.toLowerCase(Locale.ROOT).startsWith("file:")) {
        throw invalid(url, "ssh (host:path) remotes are not supported; use an https:// URL");
      }
      if (!url.toLowerCase(Locale.ROOT).startsWith("file:")) {
        throw invalid(url, "it is not an absolute URL; use an https:// URL");
      }
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid(url, "it is malformed (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid(url, "only https:// and http:// remotes are supported, not " + scheme + ":");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid(
          url,
          "a user name or password in the URL is not accepted; store a git credential instead");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid(url, "it has no host");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw invalid(url, "its port is out of range");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(url, "a remote URL has no query or fragment");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (hasControlOrSpace(path)) {
      throw invalid(url, "its path contains an encoded control character or whitespace");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        throw invalid(url, "its path contains a '..' segment");
      }
    }
    if (path.contains("\\")) {
      throw invalid(url, "its path contains a backslash");
    }
    return new RepoUrl(uri.normalize());
  }

  private static boolean hasControlOrSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return true;
      }
    }
    return false;
  }

  private static GitException invalid(String url, String why) {
    String shown = url.length() > 200 ? url.substring(0, 200) + "..." : url;
    StringBuilder safe = new StringBuilder();
    shown.codePoints().forEach(c -> safe.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
    // Hide a password someone put in the URL, so the refusal does not repeat it.
    String text = safe.toString().replaceAll("//[^/@]*@", "//***@");
    return GitException.invalid(
        "invalid_repo_url", "not a usable git remote URL '" + text + "': " + why);
  }

  /** {@code https} or {@code http}. */
  public String scheme() {
    return uri.getScheme().toLowerCase(Locale.ROOT);
  }

  /** The host, lower-cased: what a {@link GitCredential} is matched against. */
  public String host() {
    return host;
  }

  /** The port given in the URL, if any. */
  public OptionalInt port() {
    return uri.getPort() < 0 ? OptionalInt.empty() : OptionalInt.of(uri.getPort());
  }

  /** The port that will be connected to: the given one, or 443 / 80. */
  public int effectivePort() {
    return uri.getPort() >= 0 ? uri.getPort() : scheme().equals("https") ? 443 : 80;
  }

  /** The URL's path (decoded), {@code ""} or starting with {@code /}. */
  public String path() {
    return uri.getPath() == null ? "" : uri.getPath();
  }

  public URI uri() {
    return uri;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepoUrl other && uri.equals(other.uri);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  /** The URL as text (it never holds a credential). */
  @Override
  public String toString() {
    return uri.toString();
  }
}
