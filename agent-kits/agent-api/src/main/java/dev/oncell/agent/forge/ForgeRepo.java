package dev.oncell.agent.forge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A repository on a forge: its host and its path, {@code owner/name} on GitHub and Gitea, {@code
 * group/subgroup/project} on GitLab.
 *
 * @param host the forge's host name in lower case, with {@code :port} when the URL named one
 * @param path the segments after the host, without {@code .git} or a trailing slash
 */
public record ForgeRepo(String host, String path) {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.\\-]*");
  private static final Pattern HOST = Pattern.compile("[a-z0-9.\\-\\[\\]:]+");

  public ForgeRepo {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    if (host.isEmpty() || !HOST.matcher(host).matches()) {
      throw invalid("the host is not a host name");
    }
    String[] segments = path.split("/", -1);
    if (segments.length < 2) {
      throw invalid("the path names no owner and repository");
    }
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        throw invalid("a path segment is empty or holds characters a forge does not allow");
      }
    }
  }

  /**
   * Reads a repository's URL as people copy it: {@code https://github.com/o/r}, with or without
   * {@code .git} or a trailing slash, {@code https://gitlab.example/group/sub/project}, a GitLab
   * page below the project ({@code .../project/-/merge_requests/1}), a Gitea or Forgejo URL. Only
   * {@code http} and {@code https} are accepted; a URL holding a user name or password is refused
   * (a credential belongs to the host, never to a URL). Failures are {@code invalid_repo_url} and
   * do not repeat the URL.
   */
  public static ForgeRepo parse(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw invalid("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid("only http and https repository URLs are accepted");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid("a repository URL must not hold a user name or token");
    }
    if (uri.getHost() == null) {
      throw invalid("the URL names no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid("a repository URL has no query or fragment");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (uri.getPort() != -1) {
      host = host + ":" + uri.getPort();
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    int dash = path.indexOf("/-/");
    if (dash >= 0) {
      path = path.substring(0, dash);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    return new ForgeRepo(host, path);
  }

  /** Everything before the last segment: the user, organization or (GitLab) group path. */
  public String owner() {
    return path.substring(0, path.lastIndexOf('/'));
  }

  /** The last segment: the repository's (project's) name. */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static ForgeException invalid(String why) {
    return new ForgeException(ForgeException.INVALID_REPO_URL, "invalid repository URL: " + why);
  }

  @Override
  public String toString() {
    return host + "/" + path;
  }
}
