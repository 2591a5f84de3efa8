package dev.oncell.client;

import java.util.List;
import java.util.Optional;

/**
 * Agent plugins deployed to environments ({@code staging}, {@code production}): {@code
 * /v1/deployments}. Obtain from {@link OncellClient#deployments()}. Every method throws {@link
 * OncellApiException} on failure.
 */
public interface Deployments {

  /**
   * Uploads a plugin jar; it becomes the active version of its agent in {@code env}.
   *
   * @throws OncellApiException status 400 with code {@code invalid_plugin} if the jar is not an
   *     agent plugin, {@code invalid_env} for an unknown environment; status 409 with code {@code
   *     agent_name_taken} if another plugin already serves that agent name
   */
  default Deployment deploy(byte[] jar, String env) {
    return deploy(jar, env, Optional.empty());
  }

  /**
   * Uploads a plugin jar whose cells run in the sandbox backend {@code sandbox} ({@code gvisor},
   * {@code bubblewrap}, {@code none} or {@code auto}); empty for the server's default.
   *
   * @throws OncellApiException status 400 with code {@code sandbox_unavailable} for a backend that
   *     is unknown or cannot run on the server, {@code invalid_cell_spec} for an agent whose {@code
   *     spec()} no sandbox can honour; and as {@link #deploy(byte[], String)}
   */
  Deployment deploy(byte[] jar, String env, Optional<String> sandbox);

  /** Every deployment, in the order the server lists them. */
  List<Deployment> list();

  /**
   * Makes what is active in {@code from} active in {@code to}: every agent, or only {@code agent}
   * when present. Returns the deployments now active in {@code to}.
   */
  List<Deployment> promote(String from, String to, Optional<String> agent);

  /** Promotes every agent active in {@code from} to {@code to}. */
  default List<Deployment> promote(String from, String to) {
    return promote(from, to, Optional.empty());
  }

  /** {@code GET /v1/deployments/{id}/usage}: tokens spent by all customers of a deployment. */
  TokenUsage usage(String deploymentId);
}
