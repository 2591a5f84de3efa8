package dev.oncell.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new key reaches and for how long.
 *
 * @param customer the customer of a {@code CUSTOMER} key; empty for an operator key
 * @param expiresAt when the key stops working; empty for never
 * @param name a label for people, such as {@code ci} or {@code acme-backend} (may be empty)
 */
public record NewKey(
    Principal.Scope scope, Optional<String> customer, Optional<Instant> expiresAt, String name) {

  public NewKey {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(name, "name");
    if ((scope == Principal.Scope.CUSTOMER) != customer.isPresent()) {
      throw new IllegalArgumentException("a customer key names its customer, an operator key none");
    }
  }

  /** An operator key without expiry or name. */
  public static NewKey operator() {
    return new NewKey(Principal.Scope.OPERATOR, Optional.empty(), Optional.empty(), "");
  }

  /** A key for {@code customerId}'s cell only, without expiry or name. */
  public static NewKey customer(String customerId) {
    return new NewKey(
        Principal.Scope.CUSTOMER,
        Optional.of(Objects.requireNonNull(customerId, "customerId")),
        Optional.empty(),
        "");
  }

  public NewKey withName(String value) {
    return new NewKey(scope, customer, expiresAt, value);
  }

  public NewKey withExpiry(Instant value) {
    return new NewKey(scope, customer, Optional.of(value), name);
  }
}
