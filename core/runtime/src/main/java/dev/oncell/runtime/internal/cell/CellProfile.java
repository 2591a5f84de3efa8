package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.CellSpec;
import dev.oncell.sandbox.SandboxBackend;
import dev.oncell.sandbox.SandboxLimits;
import java.time.Duration;

/**
 * What a cell runs with: its deployment's backend, its agent's limits, idle timeout and network.
 */
public record CellProfile(
    SandboxBackend backend, SandboxLimits limits, Duration idleTimeout, CellSpec.Network network) {}
