package dev.oncell.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oncell.client.wire.WebhookActionJson;
import dev.oncell.client.wire.WebhookJson;
import dev.oncell.client.wire.WebhookSettingsJson;
import dev.oncell.client.wire.WebhooksJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@link Webhooks} over {@code /v1/customers/:id/webhooks}. */
final class HttpWebhooks implements Webhooks {

  private final Transport transport;

  HttpWebhooks(Transport transport) {
    this.transport = transport;
  }

  private static String path(String customerId) {
    return "/v1/customers/" + PathSegments.segment("customer id", customerId) + "/webhooks";
  }

  private static String path(String customerId, String forge) {
    return path(customerId) + "/" + PathSegments.segment("forge", forge);
  }

  @Override
  public Webhook set(String customerId, String forge, String secret, Map<String, String> methods) {
    Objects.requireNonNull(secret, "secret");
    Map<String, WebhookActionJson> on = new TreeMap<>();
    methods.forEach((event, method) -> on.put(event, new WebhookActionJson(method)));
    return transport
        .sendJson(
            "PUT",
            path(customerId, forge),
            WireFormat.MAPPER.valueToTree(new WebhookSettingsJson(secret, on)),
            transport.requestTimeout())
        .json(HttpWebhooks::webhook);
  }

  @Override
  public Webhook get(String customerId, String forge) {
    return transport.get(path(customerId, forge)).json(HttpWebhooks::webhook);
  }

  @Override
  public List<Webhook> list(String customerId) {
    return transport
        .get(path(customerId))
        .json(
            node -> {
              WireFormat.requireObject(node, "webhooks");
              List<Webhook> out = new ArrayList<>();
              for (WebhookJson w :
                  WireFormat.required(
                      WireFormat.read(node, WebhooksJson.class).webhooks(), "webhooks")) {
                out.add(webhook(WireFormat.required(w, "webhooks[]")));
              }
              return out;
            });
  }

  @Override
  public void delete(String customerId, String forge) {
    transport.delete(path(customerId, forge));
  }

  static Webhook webhook(JsonNode node) {
    WireFormat.requireObject(node, "webhook");
    return webhook(WireFormat.read(node, WebhookJson.class));
  }

  private static Webhook webhook(WebhookJson w) {
    SortedMap<String, String> methods = new TreeMap<>();
    WireFormat.required(w.on(), "on")
        .forEach(
            (event, action) ->
                methods.put(
                    event,
                    WireFormat.required(
                        WireFormat.required(action, "on." + event).method(), "method")));
    return new Webhook(
        WireFormat.required(w.customerId(), "customerId"),
        WireFormat.required(w.forge(), "forge"),
        methods,
        WireFormat.required(w.secretHint(), "secretHint"),
        WireFormat.instant(w.updatedAt(), "updatedAt"));
  }
}
