package dev.oncell.client;

import java.util.List;
import java.util.Map;

/**
 * A customer's forge webhooks ({@code /v1/customers/:id/webhooks/:forge}): the secret the forge
 * signs deliveries with, and the agent method each event starts. Operator keys only. A secret is
 * sent, never received. Point the forge at {@code POST /v1/webhooks/:forge}. Obtain from {@link
 * OncellClient#webhooks()}. Every method throws {@link OncellApiException} on failure.
 */
public interface Webhooks {

  /**
   * Sets or replaces the customer's settings for {@code forge}.
   *
   * @param methods the method each event starts, such as {@code pull_request -> review}
   * @throws OncellApiException 400 with code {@code invalid_webhook_secret}, {@code
   *     unknown_webhook_event}, {@code invalid_webhook_method} or {@code unknown_method}; 404
   *     {@code unknown_forge} or {@code not_found}; 403 for a customer token
   */
  Webhook set(String customerId, String forge, String secret, Map<String, String> methods);

  /** The settings for {@code forge}; 404 {@code webhook_not_found} if there are none. */
  Webhook get(String customerId, String forge);

  /** The customer's settings, one per forge, by forge. */
  List<Webhook> list(String customerId);

  /** Deletes the settings for {@code forge}; 404 {@code webhook_not_found} if there are none. */
  void delete(String customerId, String forge);
}
