package dev.oncell.client;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A customer's webhook settings for one forge as the server shows them: never the secret.
 *
 * @param forge {@code github}, {@code gitlab} or {@code gitea}
 * @param methods the agent method each event ({@code pull_request}, {@code push}) starts
 * @param secretHint {@code ****} and the last four characters of a long secret
 */
public record Webhook(
    String customerId,
    String forge,
    SortedMap<String, String> methods,
    String secretHint,
    Instant updatedAt) {
  public Webhook {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(forge, "forge");
    methods = Collections.unmodifiableSortedMap(new TreeMap<>(methods));
    Objects.requireNonNull(secretHint, "secretHint");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
