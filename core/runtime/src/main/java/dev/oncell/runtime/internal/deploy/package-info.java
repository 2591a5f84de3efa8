/**
 * Deployments. {@link dev.oncell.runtime.internal.deploy.DeploymentRegistry} is the host's {@code
 * Deployments}: rows in the control plane, jars under {@code plugins/deployed/<sha256>.jar} written
 * durably, drop-ins deployed at start-up, a version promoted from one environment to another. A
 * deployment is checked when it is made (its agent's spec, limits, allow-list and sandbox backend),
 * so a cell never fails to open over it. Cells see deployments only through {@code
 * CellProfiles.ServingVersions}.
 *
 * <p>Uses cell (env names, limits, backends), egress (policies), plugins and store.
 */
package dev.oncell.runtime.internal.deploy;
