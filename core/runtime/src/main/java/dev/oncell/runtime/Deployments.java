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
  DeploymentInfo deploy(byte[] jar, String env);

  /** Every deployment, newest first. */
  List<DeploymentInfo> list();

  /** Makes what is active in {@code from} active in {@code to}: all agents, or one. */
  List<DeploymentInfo> promote(String from, String to, Optional<String> agent);

  Optional<DeploymentInfo> active(String agent, String env);
}
