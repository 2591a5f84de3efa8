package dev.oncell.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One deployed version of an agent plugin in one environment.
 *
 * @param id the deployment's id ({@code d-...})
 * @param agent the name of the agent the plugin provides
 * @param version the plugin's version
 * @param env the environment it was deployed or promoted to ({@code staging}, {@code production})
 * @param sha256 the hex SHA-256 of the plugin jar
 * @param methods the agent methods it serves, callable with {@link Agents#call}
 * @param active whether this is the version that serves new runs in {@code env}
 * @param createdAt when it was deployed
 */
public record Deployment(
    String id,
    String agent,
    String version,
    String env,
    String sha256,
    List<String> methods,
    boolean active,
    Instant createdAt) {

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(sha256, "sha256");
    methods = List.copyOf(methods);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** This deployment in the server's wire format. */
  public ObjectNode toJson() {
    return RunWireFormat.toJson(this);
  }
}
