package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.client.wire.DeploymentJson;
import dev.oncell.client.wire.DeploymentsJson;
import dev.oncell.client.wire.PromoteJson;
import dev.oncell.client.wire.PromotedJson;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.Host;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/deployments}: upload a plugin jar, list, promote. Operator keys only. */
final class DeploymentHandlers {

  private static final Set<String> DEPLOY_PARAMS = Set.of("env", "sandbox");
  private static final Set<String> PROMOTE_FIELDS = RequestBodies.fields(PromoteJson.class);

  private final Host host;
  private final RequestBodies bodies;

  DeploymentHandlers(Host host, RequestBodies bodies) {
    this.host = host;
    this.bodies = bodies;
  }

  void deploy(ServerRequest req, ServerResponse res) {
    for (String name : req.query().names()) {
      if (!DEPLOY_PARAMS.contains(name)) {
        throw ApiException.badRequest(
            "invalid_request", "unknown parameter '" + name + "'; allowed: " + DEPLOY_PARAMS);
      }
    }
    String env = req.query().first("env").orElse("staging");
    Optional<String> sandbox = req.query().first("sandbox").asOptional();
    byte[] jar = bodies.read(req);
    if (jar.length == 0) {
      throw ApiException.badRequest("invalid_plugin", "send the plugin jar as the request body");
    }
    Responses.json(res, 201, json(host.deployments().deploy(jar, env, sandbox)));
  }

  void list(ServerRequest req, ServerResponse res) {
    Responses.json(res, 200, new DeploymentsJson(json(host.deployments().list())));
  }

  void promote(ServerRequest req, ServerResponse res) {
    ObjectNode body = bodies.object(req, PROMOTE_FIELDS);
    String from = RequestBodies.requiredText(body, "from");
    String to = RequestBodies.requiredText(body, "to");
    Optional<String> agent = RequestBodies.optionalText(body, "agent");
    Responses.json(res, 200, new PromotedJson(json(host.deployments().promote(from, to, agent))));
  }

  private List<DeploymentJson> json(List<DeploymentInfo> deployments) {
    return deployments.stream().map(this::json).toList();
  }

  /** A deployment with the backend its cells run in, resolved on this host. */
  private DeploymentJson json(DeploymentInfo d) {
    String backend;
    try {
      backend = host.deployments().sandboxOf(d);
    } catch (CellException e) {
      backend = d.sandbox().orElse(host.sandboxBackend()) + " (unavailable)";
    }
    return Wire.deployment(d, backend);
  }
}
