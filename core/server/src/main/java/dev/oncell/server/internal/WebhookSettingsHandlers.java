package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.ErrorKind;
import dev.oncell.client.wire.WebhookActionJson;
import dev.oncell.client.wire.WebhookJson;
import dev.oncell.client.wire.WebhookSettingsJson;
import dev.oncell.client.wire.WebhooksJson;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.Principal;
import dev.oncell.runtime.WebhookForge;
import dev.oncell.runtime.WebhookInfo;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code PUT|GET|DELETE /v1/customers/:id/webhooks/:forge} and {@code GET
 * /v1/customers/:id/webhooks}: a customer's webhook settings. Operator keys only (a customer's own
 * key is refused by the auth filter and again here). A secret goes in and never comes out.
 */
final class WebhookSettingsHandlers {

  private static final Set<String> FIELDS = RequestBodies.fields(WebhookSettingsJson.class);
  private static final Set<String> ACTION_FIELDS = RequestBodies.fields(WebhookActionJson.class);

  private final Host host;
  private final RequestBodies bodies;

  WebhookSettingsHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void put(ServerRequest req, ServerResponse res) {
    operatorOnly(req);
    WebhookForge forge = forge(req);
    ObjectNode body = bodies.object(req, FIELDS);
    String secret = RequestBodies.requiredText(body, "secret");
    JsonNode on = body.get("on");
    if (on == null || !on.isObject()) {
      throw ApiException.badRequest(
          "invalid_request",
          "field 'on' must be an object such as {\"pull_request\": {\"method\": \"review\"}}");
    }
    Map<String, String> methods = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = on.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!(e.getValue() instanceof ObjectNode action)) {
        throw ApiException.badRequest(
            "invalid_request", "field 'on' maps each event to an object {\"method\": \"...\"}");
      }
      for (Iterator<String> names = action.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!ACTION_FIELDS.contains(name)) {
          throw ApiException.badRequest(
              "invalid_request", "unknown field '" + name + "'; allowed: " + ACTION_FIELDS);
        }
      }
      methods.put(e.getKey(), RequestBodies.requiredText(action, "method"));
    }
    WebhookInfo info = host.webhooks().set(CustomerHandlers.id(req), forge, secret, methods);
    Responses.json(res, 200, json(info));
  }

  void get(ServerRequest req, ServerResponse res) {
    operatorOnly(req);
    WebhookForge forge = forge(req);
    String customer = CustomerHandlers.id(req);
    WebhookInfo info =
        host.webhooks()
            .find(customer, forge)
            .orElseThrow(
                () ->
                    CellException.notFound(
                        "webhook_not_found",
                        "customer '" + customer + "' has no " + forge.wire() + " webhook"));
    Responses.json(res, 200, json(info));
  }

  void list(ServerRequest req, ServerResponse res) {
    operatorOnly(req);
    Responses.json(
        res,
        200,
        new WebhooksJson(
            host.webhooks().list(CustomerHandlers.id(req)).stream()
                .map(WebhookSettingsHandlers::json)
                .toList()));
  }

  void delete(ServerRequest req, ServerResponse res) {
    operatorOnly(req);
    WebhookForge forge = forge(req);
    String customer = CustomerHandlers.id(req);
    if (!host.webhooks().delete(customer, forge)) {
      throw CellException.notFound(
          "webhook_not_found", "customer '" + customer + "' has no " + forge.wire() + " webhook");
    }
    Responses.noContent(res);
  }

  static WebhookJson json(WebhookInfo info) {
    Map<String, WebhookActionJson> on = new TreeMap<>();
    info.methods().forEach((event, method) -> on.put(event, new WebhookActionJson(method)));
    return new WebhookJson(
        info.customerId(), info.forge().wire(), on, info.secretHint(), info.updatedAt().toString());
  }

  private static WebhookForge forge(ServerRequest req) {
    return WebhookForge.named(req.path().pathParameters().get("forge"));
  }

  /** Settings hold a secret: a customer's own key never reaches them, however the path is spelt. */
  private static void operatorOnly(ServerRequest req) {
    boolean operator = req.context().get(Principal.class).map(Principal::isOperator).orElse(false);
    if (!operator) {
      throw new ApiException(
          ErrorKind.FORBIDDEN, "forbidden", "webhook settings need an operator key");
    }
  }
}
