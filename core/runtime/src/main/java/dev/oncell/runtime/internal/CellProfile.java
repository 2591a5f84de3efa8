package dev.oncell.runtime.internal;

import dev.oncell.sandbox.SandboxBackend;
import dev.oncell.sandbox.SandboxLimits;
import java.time.Duration;

/** What a cell runs with: its deployment's backend, its agent's limits and idle timeout. */
record CellProfile(SandboxBackend backend, SandboxLimits limits, Duration idleTimeout) {}
