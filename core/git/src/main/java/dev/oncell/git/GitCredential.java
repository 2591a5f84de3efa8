package dev.oncell.git;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's credential for one host: offered to a remote only when the remote's host equals
 * {@link #host()} (compared case-insensitively), never to another host, not even after a redirect.
 * {@link #toString()} never shows the token.
 *
 * @param host the host name (or IP literal) the credential belongs to, without port
 * @param username the user name to send; forges that take a token as the password accept any name
 *     (GitHub: {@code x-access-token}, GitLab: {@code oauth2}), so {@link #DEFAULT_USERNAME} is
 *     used when empty
 * @param token the token (or password); never logged
 */
public record GitCredential(String host, Optional<String> username, String token) {

  /** The user name sent when none is given. */
  public static final String DEFAULT_USERNAME = "x-access-token";

  public GitCredential {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(token, "token");
    host = host.toLowerCase(Locale.ROOT);
    if (host.isBlank() || token.isEmpty()) {
      throw GitException.invalid("invalid_credential", "a git credential needs a host and a token");
    }
  }

  public static GitCredential of(String host, String token) {
    return new GitCredential(host, Optional.empty(), token);
  }

  /** The user name to send: the given one, or {@link #DEFAULT_USERNAME}. */
  public String effectiveUsername() {
    return username.filter(u -> !u.isEmpty()).orElse(DEFAULT_USERNAME);
  }

  /** Whether this credential may be sent to {@code host}. */
  public boolean matches(String otherHost) {
    return otherHost != null && host.equals(otherHost.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "GitCredential[host=" + host + ", username=" + username + ", token=***]";
  }
}
