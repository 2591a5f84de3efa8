package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.AgentCallJson;
import dev.oncell.runtime.Host;
import dev.oncell.runtime.RunInfo;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/agents/:method[/stream]}: run an agent method in a customer's cell, answering
 * once it finishes, or streaming its events as they come.
 */
final class AgentHandlers {

  private static final Set<String> FIELDS = RequestBodies.fields(AgentCallJson.class);
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final Host host;
  private final RequestBodies bodies;

  AgentHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void call(ServerRequest req, ServerResponse res) {
    RunInfo run = start(req);
    Responses.json(res, 200, Wire.outcome(host.runs().await(run.id())));
  }

  void stream(ServerRequest req, ServerResponse res) {
    RunInfo run = start(req);
    res.header("X-Oncell-Run-Id", run.id());
    EventStream.send(res, host.runs(), run.id(), 0);
  }

  private RunInfo start(ServerRequest req) {
    String method = req.path().pathParameters().get("method");
    ObjectNode body = bodies.object(req, FIELDS);
    String customer = RequestBodies.requiredText(body, "customer");
    Access.check(req, customer);
    JsonNode input = Optional.ofNullable(body.get("input")).orElse(NullNode.getInstance());
    Optional<String> key = req.headers().first(HeaderNames.create(IDEMPOTENCY_KEY));
    if (key.isPresent() && (key.get().isBlank() || key.get().length() > 200)) {
      throw ApiException.badRequest(
          "invalid_request", "Idempotency-Key must have 1 to 200 characters");
    }
    return host.runs().start(customer, method, input, key);
  }
}
