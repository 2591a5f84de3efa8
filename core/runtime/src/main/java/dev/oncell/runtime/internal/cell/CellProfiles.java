package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.CellSpec;
import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.CellInfo;
import dev.oncell.sandbox.SandboxLimits;
import java.util.Optional;

/**
 * Works out a cell's {@link CellProfile} from the deployment that serves it: the agent active in
 * the cell's environment. A cell without an agent gets the host's backend, default limits and the
 * host's idle timeout and no egress.
 */
public final class CellProfiles {

  /**
   * What a profile needs of the deployments (a narrow view, so cells do not depend on the
   * deployment registry): the version of an agent active in an environment.
   */
  @FunctionalInterface
  public interface ServingVersions {
    Optional<ServingVersion> active(String agent, String env);
  }

  /** The spec of the deployed agent and the sandbox backend its deployment names. */
  public record ServingVersion(CellSpec spec, String sandbox) {}

  private final ServingVersions deployments;
  private final SandboxBackends backends;
  private final CellDefaults defaults;

  public CellProfiles(
      ServingVersions deployments, SandboxBackends backends, CellDefaults defaults) {
    this.deployments = deployments;
    this.backends = backends;
    this.defaults = defaults;
  }

  CellProfile of(CellInfo cell) {
    Optional<ServingVersion> deployment =
        cell.agent().flatMap(agent -> deployments.active(agent, cell.env()));
    if (deployment.isEmpty()) {
      return new CellProfile(
          backends.get(backends.hostDefault()),
          SandboxLimits.defaults(),
          defaults.idleTimeout(),
          CellSpec.Network.blocked());
    }
    CellSpec spec = deployment.get().spec();
    return new CellProfile(
        backends.get(deployment.get().sandbox()),
        CellLimits.of(spec, defaults),
        spec.idleTimeout(),
        withHostAllowances(spec.network()));
  }

  /** The agent's network with the operator's {@link CellDefaults#egressAllow} added. */
  private CellSpec.Network withHostAllowances(CellSpec.Network network) {
    if (network.egress() == CellSpec.Network.Egress.BLOCKED || defaults.egressAllow().isEmpty()) {
      return network;
    }
    java.util.Set<String> entries = new java.util.LinkedHashSet<>(network.allow());
    entries.addAll(defaults.egressAllow());
    return CellSpec.Network.allow(entries.toArray(String[]::new));
  }

  /**
   * The profile of {@code cell} as if it had no agent: the host's backend and defaults. For a cell
   * whose deployment no longer loads, which must not keep it from being deleted.
   */
  CellProfile withoutAgent(CellInfo cell) {
    return of(
        new CellInfo(
            cell.id(),
            cell.state(),
            Optional.empty(),
            cell.env(),
            cell.config(),
            Optional.empty(),
            Optional.empty(),
            cell.createdAt(),
            cell.lastActiveAt()));
  }
}
