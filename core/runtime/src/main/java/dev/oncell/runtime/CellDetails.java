package dev.oncell.runtime;

import dev.oncell.sandbox.SandboxLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A cell as an operator inspects it: its record, and what it runs with.
 *
 * @param info the control plane's record: state, agent, last activity
 * @param backend the sandbox backend its commands run in (the one its handles were opened with
 *     while it is open, else the one it would wake with)
 * @param limits CPU, memory, processes and disk quota (0: none) of its sandbox
 * @param idleTimeout how long it stays ACTIVE without calls before the host pauses it
 * @param diskUsage the size of its work folder; empty when it was not measured since the host
 *     started (listings report the last measurement; inspecting one cell measures it)
 */
public record CellDetails(
    CellInfo info,
    String backend,
    SandboxLimits limits,
    Duration idleTimeout,
    Optional<DiskUsage> diskUsage) {

  public CellDetails {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(diskUsage, "diskUsage");
  }
}
