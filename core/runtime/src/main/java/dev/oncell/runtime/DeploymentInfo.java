package dev.oncell.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployed version of an agent in one environment. {@code active} marks the version that serves
 * new runs there; runs already going keep the deployment they started on.
 *
 * @param sandbox the sandbox backend its cells run in, as the operator named it at deploy time;
 *     empty for the host's default
 */
public record DeploymentInfo(
    String id,
    String pluginId,
    String agent,
    String version,
    String env,
    String sha256,
    List<String> methods,
    boolean active,
    Instant createdAt,
    Optional<String> sandbox) {

  public DeploymentInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(sha256, "sha256");
    methods = List.copyOf(methods);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(sandbox, "sandbox");
  }
}
