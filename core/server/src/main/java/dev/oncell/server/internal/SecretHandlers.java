package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.SecretValueJson;
import dev.oncell.client.wire.SecretsJson;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.Host;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;

/**
 * {@code PUT|DELETE /v1/secrets/:name} and {@code GET /v1/secrets}: the operator's secrets.
 * Operator keys only (the auth filter refuses customer tokens). A value goes in and never comes
 * out.
 */
final class SecretHandlers {

  private static final Set<String> FIELDS = RequestBodies.fields(SecretValueJson.class);

  private final Host host;
  private final RequestBodies bodies;

  SecretHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void put(ServerRequest req, ServerResponse res) {
    String name = req.path().pathParameters().get("name");
    ObjectNode body = bodies.object(req, FIELDS);
    String value = RequestBodies.requiredText(body, "value");
    Responses.json(res, 200, Wire.secret(host.secrets().set(name, value)));
  }

  void list(ServerRequest req, ServerResponse res) {
    Responses.json(
        res, 200, new SecretsJson(host.secrets().list().stream().map(Wire::secret).toList()));
  }

  void delete(ServerRequest req, ServerResponse res) {
    String name = req.path().pathParameters().get("name");
    if (!host.secrets().delete(name)) {
      throw CellException.notFound("not_found", "no secret named '" + name + "'");
    }
    Responses.noContent(res);
  }
}
