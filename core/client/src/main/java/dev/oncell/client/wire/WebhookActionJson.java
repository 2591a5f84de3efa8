package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What one webhook event starts: an agent method of the customer's agent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookActionJson(String method) {}
