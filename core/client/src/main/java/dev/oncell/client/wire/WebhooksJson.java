package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /v1/customers/:id/webhooks}: one per forge, by forge. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhooksJson(List<WebhookJson> webhooks) {}
