package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.UsageReport;
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
    Responses.json(res, 200, report("customer", host.usage().customer(CustomerHandlers.id(req))));
  }

  void deployment(ServerRequest req, ServerResponse res) {
    String id = req.path().pathParameters().get("id");
    Responses.json(res, 200, report("deployment", host.usage().deployment(id)));
  }

  static ObjectNode report(String kind, UsageReport r) {
    ObjectNode out = Responses.JSON.createObjectNode();
    out.put(kind, r.subject());
    out.put("period", r.period());
    out.put("since", r.since().toString());
    out.put("requests", r.requests());
    out.put("inputTokens", r.inputTokens());
    out.put("outputTokens", r.outputTokens());
    out.put("totalTokens", r.totalTokens());
    r.budget().ifPresentOrElse(b -> out.put("budget", b), () -> out.putNull("budget"));
    r.remaining().ifPresentOrElse(b -> out.put("remaining", b), () -> out.putNull("remaining"));
    ArrayNode models = out.putArray("byModel");
    for (UsageReport.ModelUsage m : r.byModel()) {
      models
          .addObject()
          .put("provider", m.provider())
          .put("model", m.model())
          .put("requests", m.requests())
          .put("inputTokens", m.inputTokens())
          .put("outputTokens", m.outputTokens());
    }
    return out;
  }
}
