package dev.oncell.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A key as it may be shown: never the key, only its public id and a hint.
 *
 * @param id the key's public id ({@code key_} and 16 hex digits), unrelated to the key's value
 * @param hint the key's kind prefix and its last four characters ({@code oc_cu_****x9Qa}) for a key
 *     of 24 characters or more, only {@code ****} for a shorter one
 * @param customer the customer of a {@code CUSTOMER} key
 * @param bootstrap whether this is (or was) the bootstrap key: {@code ONCELL_API_KEY} or {@code
 *     operator.key}
 */
public record ApiKeyInfo(
    String id,
    String name,
    String hint,
    Principal.Scope scope,
    Optional<String> customer,
    boolean bootstrap,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt) {

  /** Whether a key works. */
  public enum Status {
    ACTIVE,
    EXPIRED,
    REVOKED
  }

  public ApiKeyInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  /** The key's status at {@code now}: revoked wins over expired. */
  public Status status(Instant now) {
    if (revokedAt.isPresent()) {
      return Status.REVOKED;
    }
    return expiresAt.filter(at -> !now.isBefore(at)).isPresent() ? Status.EXPIRED : Status.ACTIVE;
  }

  @Override
  public String toString() {
    return id + " (" + hint + ")";
  }
}
