package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** 200 answer of {@code POST /v1/webhooks/:forge} that started nothing, and why. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookIgnoredJson(String ignored) {}
