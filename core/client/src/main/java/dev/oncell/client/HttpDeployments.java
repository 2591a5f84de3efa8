package dev.oncell.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link Deployments} over {@code /v1/deployments}. */
final class HttpDeployments implements Deployments {

  static final String JAR_TYPE = "application/java-archive";

  private final Transport transport;

  HttpDeployments(Transport transport) {
    this.transport = transport;
  }

  @Override
  public Deployment deploy(byte[] jar, String env, Optional<String> sandbox) {
    Objects.requireNonNull(jar, "jar");
    Objects.requireNonNull(sandbox, "sandbox");
    String path =
        "/v1/deployments?env="
            + PathSegments.segment("env", env)
            + sandbox.map(s -> "&sandbox=" + PathSegments.segment("sandbox", s)).orElse("");
    return transport.sendBytes("POST", path, jar, JAR_TYPE).json(RunWireFormat::deployment);
  }

  @Override
  public List<Deployment> list() {
    return transport.get("/v1/deployments").json(RunWireFormat::deployments);
  }

  @Override
  public List<Deployment> promote(String from, String to, Optional<String> agent) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(agent, "agent");
    return transport
        .sendJson(
            "POST",
            "/v1/deployments/promote",
            RunWireFormat.promoteRequest(from, to, agent),
            transport.requestTimeout())
        .json(RunWireFormat::promoted);
  }

  @Override
  public TokenUsage usage(String deploymentId) {
    return transport
        .get("/v1/deployments/" + PathSegments.segment("deployment id", deploymentId) + "/usage")
        .json(node -> WireFormat.usage(node, "deployment"));
  }
}
