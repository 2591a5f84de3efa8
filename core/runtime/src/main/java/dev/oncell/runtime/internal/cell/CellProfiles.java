package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.CellSpec;
import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.CellInfo;
import dev.oncell.runtime.DeploymentInfo;
import dev.oncell.runtime.internal.DeploymentRegistry;
import dev.oncell.sandbox.SandboxLimits;
import java.util.Optional;

/**
 * Works out a cell's {@link CellProfile} from the deployment that serves it: the agent active in
 * the cell's environment. A cell without an agent gets the host's backend, default limits and the
 * host's idle timeout and no egress.
 */
public final class CellProfiles {

  private final DeploymentRegistry deployments;
  private final SandboxBackends backends;
  private final CellDefaults defaults;

  public CellProfiles(
      DeploymentRegistry deployments, SandboxBackends backends, CellDefaults defaults) {
    this.deployments = deployments;
    this.backends = backends;
    this.defaults = defaults;
  }

  CellProfile of(CellInfo cell) {
    Optional<DeploymentInfo> deployment =
        cell.agent().flatMap(agent -> deployments.active(agent, cell.env()));
    if (deployment.isEmpty()) {
      return new CellProfile(
          backends.get(backends.hostDefault()),
          SandboxLimits.defaults(),
          defaults.idleTimeout(),
          CellSpec.Network.blocked());
    }
    CellSpec spec = deployments.plugin(deployment.get()).agent().spec();
    return new CellProfile(
        backends.get(deployments.sandboxOf(deployment.get())),
        CellLimits.of(spec, defaults),
        spec.idleTimeout(),
        spec.network());
  }
}
