package dev.oncell.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's git credential as it may be shown: never the token, only a hint such as {@code
 * ****cdef} (the last four characters of a token of 12 or more, nothing of a shorter one).
 *
 * @param host the host it is sent to, lower-cased, without port
 * @param username the user name sent with it, if one was given
 */
public record GitCredentialInfo(
    String customerId,
    String host,
    Optional<String> username,
    String hint,
    Instant createdAt,
    Instant updatedAt) {
  public GitCredentialInfo {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  @Override
  public String toString() {
    return customerId + "@" + host + " (" + hint + ")";
  }
}
