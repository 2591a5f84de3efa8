package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * 202 answer of {@code POST /v1/webhooks/:forge}: the runs it started, and the verified customers
 * whose run could not start while another's did.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookRunsJson(List<WebhookRunJson> runs, List<WebhookRefusalJson> refused) {}
