package dev.oncell.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: an operator (everything) or a customer-scoped token (its own cell only).
 *
 * @param customer the customer a {@code CUSTOMER} token is bound to
 */
public record Principal(Scope scope, Optional<String> customer, String label) {

  public enum Scope {
    OPERATOR,
    CUSTOMER
  }

  public Principal {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(label, "label");
  }

  /** Whether this caller may touch {@code customerId}'s cell. */
  public boolean mayAccess(String customerId) {
    return scope == Scope.OPERATOR || customer.filter(customerId::equals).isPresent();
  }

  public boolean isOperator() {
    return scope == Scope.OPERATOR;
  }
}
