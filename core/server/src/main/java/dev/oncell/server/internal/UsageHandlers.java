package dev.oncell.server.internal;

import dev.oncell.runtime.Host;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /v1/customers/:id/usage} (a customer token may read its own) and {@code GET
 * /v1/deployments/:id/usage} (operators): tokens spent through {@code ctx.llm} in the current
 * budget period.
 */
final class UsageHandlers {

  private final Host host;

  UsageHandlers(Host host) {
    this.host = host;
  }

  void customer(ServerRequest req, ServerResponse res) {
    Responses.json(
        res, 200, Wire.usage("customer", host.usage().customer(CustomerHandlers.id(req))));
  }

  void deployment(ServerRequest req, ServerResponse res) {
    String id = req.path().pathParameters().get("id");
    Responses.json(res, 200, Wire.usage("deployment", host.usage().deployment(id)));
  }
}
