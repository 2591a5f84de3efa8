package dev.oncell.server.internal;

import dev.oncell.client.wire.WebhookIgnoredJson;
import dev.oncell.client.wire.WebhookRefusalJson;
import dev.oncell.client.wire.WebhookRunJson;
import dev.oncell.client.wire.WebhookRunsJson;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.WebhookDelivery;
import dev.oncell.runtime.WebhookForge;
import dev.oncell.runtime.WebhookOutcome;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code POST /v1/webhooks/:forge}: a forge's delivery, without an API key (the auth filter lets it
 * through); the forge's signature under a customer's webhook secret is its only credential. The
 * body is read up to {@link #MAX_BODY_BYTES} (413 past it, never read whole) and handed as raw
 * bytes to {@code Host.webhooks()}, which verifies it and starts the runs. 202 with the runs, 200
 * with the reason when the event starts nothing.
 */
final class WebhookDeliveryHandler {

  /** GitHub caps payloads at 25 MB, but pull request and push payloads are a few KiB. */
  static final long MAX_BODY_BYTES = 1L << 20;

  private final Host host;
  private final RequestBodies bodies;

  WebhookDeliveryHandler(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies.limitedTo(MAX_BODY_BYTES);
  }

  void receive(ServerRequest req, ServerResponse res) {
    WebhookForge forge = WebhookForge.named(req.path().pathParameters().get("forge"));
    byte[] body = bodies.read(req);
    WebhookDelivery delivery =
        new WebhookDelivery(
            forge,
            req.query().first("customer").asOptional(),
            header(req, forge.eventHeader()),
            header(req, forge.deliveryHeader()),
            header(req, forge.signatureHeader()),
            body);
    switch (host.webhooks().receive(delivery)) {
      case WebhookOutcome.Started started ->
          Responses.json(
              res,
              202,
              new WebhookRunsJson(
                  started.runs().stream()
                      .map(r -> new WebhookRunJson(r.customerId(), r.runId()))
                      .toList(),
                  started.refused().stream()
                      .map(r -> new WebhookRefusalJson(r.customerId(), r.code(), r.message()))
                      .toList()));
      case WebhookOutcome.Ignored ignored ->
          Responses.json(res, 200, new WebhookIgnoredJson(ignored.reason()));
    }
  }

  private static Optional<String> header(ServerRequest req, String name) {
    return req.headers().first(HeaderNames.create(name));
  }
}
