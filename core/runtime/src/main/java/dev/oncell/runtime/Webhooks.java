package dev.oncell.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Forge webhooks that start agent runs. The operator stores, per customer and forge, a secret
 * (encrypted at rest like {@link Secrets}, never shown back) and which agent method each event
 * starts. A delivery is trusted only by its forge signature under a candidate customer's secret;
 * its runs are started with the idempotency key {@code webhook:<forge>:<delivery id>}, so a
 * redelivered hook starts nothing twice.
 */
public interface Webhooks {

  /** The forge events a method can be mapped to. */
  Set<String> EVENTS = Set.of("pull_request", "push");

  /** The longest secret accepted, in characters. */
  int MAX_SECRET_LENGTH = 1024;

  /**
   * Sets (or replaces) a customer's settings for one forge.
   *
   * @param methods the method each event starts, by event; at least one
   * @throws CellException {@code not_found} (NOT_FOUND) for an unknown customer; INVALID: {@code
   *     invalid_webhook_secret} (empty, longer than {@link #MAX_SECRET_LENGTH}, or with control
   *     characters), {@code unknown_webhook_event}, {@code invalid_webhook_method}, {@code
   *     unknown_method} (the customer's deployed agent has no such method), {@code no_agent};
   *     nothing is stored then
   */
  WebhookInfo set(String customer, WebhookForge forge, String secret, Map<String, String> methods);

  /**
   * The customer's settings for that forge, if any.
   *
   * @throws CellException {@code not_found} for an unknown customer
   */
  Optional<WebhookInfo> find(String customer, WebhookForge forge);

  /** The customer's settings, one per forge, by forge. */
  List<WebhookInfo> list(String customer);

  /** Removes the customer's settings for that forge; false if there were none. */
  boolean delete(String customer, WebhookForge forge);

  /**
   * Verifies a delivery and starts the mapped method in each customer whose secret verifies it.
   * Candidates are the customer the hook's URL names, or else every customer with settings for the
   * forge whose {@code config.repoUrl} names the payload's repository.
   *
   * @throws CellException UNAUTHORIZED {@code webhook_signature_invalid} when no candidate's secret
   *     verifies it (nothing started); INVALID {@code webhook_payload_invalid} for a body that is
   *     not a JSON object or lacks a field the event needs, {@code webhook_headers_invalid} for a
   *     missing event or delivery header; when no run could start, the failure of the first
   *     customer's (such as {@code run_in_progress})
   */
  WebhookOutcome receive(WebhookDelivery delivery);
}
