package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A run a webhook delivery started (or, redelivered, found again). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookRunJson(String customerId, String runId) {}
