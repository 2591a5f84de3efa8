package dev.oncell.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's git credential as the server shows it: never its token.
 *
 * @param host the host it is sent to, lower-cased (an IPv6 address in brackets)
 * @param hint {@code ****} and the last four characters of a long token
 */
public record GitCredentialInfo(
    String customer,
    String host,
    Optional<String> username,
    String hint,
    Instant createdAt,
    Instant updatedAt) {
  public GitCredentialInfo {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
