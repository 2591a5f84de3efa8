package dev.oncell.runtime;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Agent plugins deployed to environments ({@code staging}, {@code production}). */
public interface Deployments {

  Set<String> ENVIRONMENTS = Set.of("staging", "production");

  /**
   * Deploys a plugin jar; it becomes the active version of its agent in {@code env}. Deploying the
   * jar that is already active there changes nothing and returns that deployment.
   *
   * @throws CellException {@code invalid_plugin} for a jar that is not an agent plugin, {@code
   *     invalid_env}, or {@code agent_name_taken} (CONFLICT) when another plugin already serves
   *     that agent name
   */
  default DeploymentInfo deploy(byte[] jar, String env) {
    return deploy(jar, env, Optional.empty());
  }

  /**
   * Deploys a plugin jar whose cells run in the sandbox backend {@code sandbox} ({@code gvisor},
   * {@code bubblewrap}, {@code none}, or {@code auto}); empty for the host's default. Deploying the
   * jar already active in {@code env} with another backend makes a new deployment.
   *
   * @throws CellException also {@code sandbox_unavailable} (INVALID) for a backend that is unknown
   *     or cannot run on this machine, {@code invalid_cell_spec} (INVALID) for an agent whose
   *     {@code spec()} cannot be turned into sandbox limits
   */
  DeploymentInfo deploy(byte[] jar, String env, Optional<String> sandbox);

  /** The name of the backend a deployment's cells run in, its own or the host's default. */
  String sandboxOf(DeploymentInfo deployment);

  /** Every deployment, newest first. */
  List<DeploymentInfo> list();

  /** Makes what is active in {@code from} active in {@code to}: all agents, or one. */
  List<DeploymentInfo> promote(String from, String to, Optional<String> agent);

  Optional<DeploymentInfo> active(String agent, String env);
}
