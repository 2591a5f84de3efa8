package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.agent.ShellOptions;
import dev.oncell.agent.ShellResult;
import dev.oncell.client.wire.ShellRequestJson;
import dev.oncell.runtime.Host;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1/customers/:id/shell}: one command in the cell's sandbox. */
final class ShellHandler {

  private static final Set<String> FIELDS = RequestBodies.fields(ShellRequestJson.class);

  private final Host host;
  private final RequestBodies bodies;

  ShellHandler(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void run(ServerRequest req, ServerResponse res) {
    String id = CustomerHandlers.id(req);
    ObjectNode body = bodies.object(req, FIELDS);
    String command = noNul("command", RequestBodies.requiredText(body, "command"));
    ShellOptions options = options(body);
    // A client that goes away stops its command.
    ShellResult result =
        ClientWatch.whileConnected(
            bodies, req, res, "command", () -> host.cells().cell(id).shell(command, options));
    Responses.json(res, 200, Wire.shell(result));
  }

  private static ShellOptions options(ObjectNode body) {
    ShellOptions options = ShellOptions.defaults();
    JsonNode timeout = body.path("timeoutMs");
    if (!timeout.isMissingNode() && !timeout.isNull()) {
      if (!timeout.canConvertToLong() || !timeout.isIntegralNumber()) {
        throw ApiException.badRequest("invalid_request", "timeoutMs must be an integer");
      }
      options = options.withTimeout(Duration.ofMillis(timeout.asLong()));
    }
    JsonNode env = body.path("env");
    if (!env.isMissingNode() && !env.isNull()) {
      if (!env.isObject()) {
        throw ApiException.badRequest("invalid_request", "env must be an object of strings");
      }
      Map<String, String> vars = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : env.properties()) {
        if (!e.getValue().isTextual()) {
          throw ApiException.badRequest(
              "invalid_request", "env value of '" + e.getKey() + "' must be a string");
        }
        vars.put(noNul("env name", e.getKey()), noNul("env value", e.getValue().asText()));
      }
      options = options.withEnv(vars);
    }
    JsonNode stdin = body.path("stdin");
    if (!stdin.isMissingNode() && !stdin.isNull()) {
      if (!stdin.isTextual()) {
        throw ApiException.badRequest("invalid_request", "stdin must be a string");
      }
      options = options.withStdin(stdin.asText().getBytes(StandardCharsets.UTF_8));
    }
    JsonNode cwd = body.path("cwd");
    if (!cwd.isMissingNode() && !cwd.isNull()) {
      if (!cwd.isTextual()) {
        throw ApiException.badRequest("invalid_request", "cwd must be a string");
      }
      options = options.withCwd(noNul("cwd", cwd.asText()));
    }
    return options;
  }

  /** A NUL would end the string where the sandbox passes it on: refused, never cut. */
  private static String noNul(String what, String value) {
    if (value.indexOf('\0') >= 0) {
      throw ApiException.badRequest("invalid_request", what + " must not contain a NUL character");
    }
    return value;
  }
}
