package dev.oncell.runtime;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A customer's webhook settings for one forge, as shown back: never the secret, only a hint.
 *
 * @param methods the agent method each forge event starts, by event ({@code pull_request}, {@code
 *     push}), sorted
 * @param secretHint {@code ****} and the last four characters of a secret of at least 12
 */
public record WebhookInfo(
    String customerId,
    WebhookForge forge,
    SortedMap<String, String> methods,
    String secretHint,
    Instant updatedAt) {
  public WebhookInfo {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(forge, "forge");
    methods = Collections.unmodifiableSortedMap(new TreeMap<>(methods));
    Objects.requireNonNull(secretHint, "secretHint");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
