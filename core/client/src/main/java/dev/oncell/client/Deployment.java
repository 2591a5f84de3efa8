package dev.oncell.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param sandbox the sandbox backend named at deploy time; empty for the server's default
 * @param backend the backend its cells run in on the server; empty from servers that do not say
 */
public record Deployment(
    String id,
    String agent,
    String version,
    String env,
    String sha256,
    List<String> methods,
    boolean active,
    Instant createdAt,
    Optional<String> sandbox,
    Optional<String> backend) {

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(sha256, "sha256");
    methods = List.copyOf(methods);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(sandbox, "sandbox");
    Objects.requireNonNull(backend, "backend");
  }

  /** A deployment on the server's default backend, as older servers report it. */
  public Deployment(
      String id,
      String agent,
      String version,
      String env,
      String sha256,
      List<String> methods,
      boolean active,
      Instant createdAt) {
    this(
        id,
        agent,
        version,
        env,
        sha256,
        methods,
        active,
        createdAt,
        Optional.empty(),
        Optional.empty());
  }

  /** This deployment in the server's wire format. */
  public ObjectNode toJson() {
    return RunWireFormat.toJson(this);
  }
}
