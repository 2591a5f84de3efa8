package dev.oncell.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A key as the server lists it: never its value.
 *
 * @param id the key's public id, for {@link Keys#revoke(String)}
 * @param hint such as {@code oc_cu_****x9Qa}
 * @param scope {@code operator} or {@code customer}
 * @param customer the customer of a customer key
 * @param bootstrap whether this is (or was) the key the server was started with
 * @param status {@code active}, {@code expired} or {@code revoked}
 */
public record ApiKey(
    String id,
    String name,
    String hint,
    String scope,
    Optional<String> customer,
    boolean bootstrap,
    String status,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  /** Whether the key works now, as the server said. */
  public boolean active() {
    return status.equals("active");
  }
}
