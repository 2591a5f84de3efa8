package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Request of {@code PUT /v1/customers/:id/webhooks/:forge}: the hook's secret, which no answer ever
 * carries, and the agent method each event starts ({@code {"pull_request": {"method": "review"}}}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookSettingsJson(String secret, Map<String, WebhookActionJson> on) {

  @Override
  public String toString() {
    return "WebhookSettingsJson[secret=****, on=" + on + "]";
  }
}
