package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.CreateCustomerJson;
import dev.oncell.client.wire.CustomersJson;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.Cells;
import dev.oncell.runtime.Host;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/customers}: create, list, get, delete, pause, resume. */
final class CustomerHandlers {

  private static final Set<String> CREATE_FIELDS = RequestBodies.fields(CreateCustomerJson.class);

  private final Host host;
  private final RequestBodies bodies;

  CustomerHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void create(ServerRequest req, ServerResponse res) {
    ObjectNode body = bodies.object(req, CREATE_FIELDS);
    String id = RequestBodies.requiredText(body, "id");
    JsonNode config = body.path("config");
    if (config.isMissingNode() || config.isNull()) {
      config = Responses.JSON.createObjectNode();
    } else if (!config.isObject()) {
      throw ApiException.badRequest("invalid_request", "field 'config' must be a JSON object");
    }
    Optional<String> agent = RequestBodies.optionalText(body, "agent");
    String env = RequestBodies.optionalText(body, "env").orElse("production");
    CellInfo info = host.cells().create(new Cells.NewCell(id, config, agent, env));
    if (info.setupRunId().isPresent()
        && req.query().first("wait").map("true"::equals).orElse(false)) {
      host.runs().await(info.setupRunId().get());
      info = host.cells().find(id).orElse(info);
    }
    Responses.json(res, 201, Wire.customer(info));
  }

  void list(ServerRequest req, ServerResponse res) {
    // Disk use as last measured: a listing must not walk every cell's files.
    Responses.json(
        res,
        200,
        new CustomersJson(host.cells().inspectAll().stream().map(Wire::customer).toList()));
  }

  void get(ServerRequest req, ServerResponse res) {
    Responses.json(res, 200, Wire.customer(host.cells().inspect(id(req))));
  }

  void delete(ServerRequest req, ServerResponse res) {
    host.cells().delete(id(req));
    Responses.noContent(res);
  }

  void pause(ServerRequest req, ServerResponse res) {
    Responses.json(res, 200, Wire.customer(host.cells().pause(id(req))));
  }

  void resume(ServerRequest req, ServerResponse res) {
    Responses.json(res, 200, Wire.customer(host.cells().resume(id(req))));
  }

  static String id(ServerRequest req) {
    return req.path().pathParameters().get("id");
  }
}
