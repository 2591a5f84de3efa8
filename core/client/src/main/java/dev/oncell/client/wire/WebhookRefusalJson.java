package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A verified customer whose run a delivery could not start, such as {@code run_in_progress}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookRefusalJson(String customerId, String code, String message) {}
