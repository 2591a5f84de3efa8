package dev.oncell.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Keys#create(CreateKey)} asks for: {@code CreateKey.customer("acme").withName("app")
 * .expiresIn(Duration.ofDays(30))}.
 *
 * @param customer the customer of a customer key; empty for an operator key
 * @param expiresIn how long from now the key works (exclusive with {@code expiresAt})
 * @param expiresAt when the key stops working
 * @param name a label for people; empty for none
 */
public record CreateKey(
    Optional<String> customer,
    Optional<Duration> expiresIn,
    Optional<Instant> expiresAt,
    Optional<String> name) {

  public CreateKey {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(expiresIn, "expiresIn");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(name, "name");
    if (expiresIn.isPresent() && expiresAt.isPresent()) {
      throw new IllegalArgumentException("give expiresIn or expiresAt, not both");
    }
  }

  /** An operator key: it reaches everything. */
  public static CreateKey operator() {
    return new CreateKey(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A key that reaches only {@code customerId}'s cell and runs. */
  public static CreateKey customer(String customerId) {
    return new CreateKey(
        Optional.of(Objects.requireNonNull(customerId, "customerId")),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public CreateKey withName(String value) {
    return new CreateKey(customer, expiresIn, expiresAt, Optional.of(value));
  }

  public CreateKey expiresIn(Duration value) {
    return new CreateKey(customer, Optional.of(value), Optional.empty(), name);
  }

  public CreateKey expiresAt(Instant value) {
    return new CreateKey(customer, Optional.empty(), Optional.of(value), name);
  }

  /** The scope on the wire: {@code operator} or {@code customer}. */
  public String scope() {
    return customer.isPresent() ? "customer" : "operator";
  }
}
