package dev.oncell.runtime;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One delivery of a forge's webhook as it arrived: the headers that matter, the customer named in
 * the hook's URL ({@code ?customer=ID}) if any, and the raw body, whose exact bytes the signature
 * covers. {@link #toString()} leaves out the body and the signature.
 */
public record WebhookDelivery(
    WebhookForge forge,
    Optional<String> customer,
    Optional<String> event,
    Optional<String> deliveryId,
    Optional<String> signature,
    byte[] body) {
  public WebhookDelivery {
    Objects.requireNonNull(forge, "forge");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(signature, "signature");
    body = Arrays.copyOf(body, body.length);
  }

  @Override
  public byte[] body() {
    return Arrays.copyOf(body, body.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookDelivery d
        && forge == d.forge
        && customer.equals(d.customer)
        && event.equals(d.event)
        && deliveryId.equals(d.deliveryId)
        && signature.equals(d.signature)
        && Arrays.equals(body, d.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(forge, customer, event, deliveryId, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "WebhookDelivery["
        + forge.wire()
        + " "
        + event.orElse("?")
        + " "
        + deliveryId.orElse("?")
        + ", "
        + body.length
        + " bytes]";
  }
}
