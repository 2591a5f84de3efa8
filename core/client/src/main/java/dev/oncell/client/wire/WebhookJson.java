package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A customer's webhook settings for one forge ({@code github}, {@code gitlab}, {@code gitea}): the
 * method each event starts, events sorted, and a hint of the secret, never the secret.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookJson(
    String customerId,
    String forge,
    Map<String, WebhookActionJson> on,
    String secretHint,
    String updatedAt) {}
