package dev.oncell.runtime;

import dev.oncell.runtime.internal.DefaultHost;

/**
 * The host of all cells on this machine: the control plane, the cells and the API keys. The HTTP
 * server, the CLI and the test kit are adapters over this one service.
 */
public interface Host extends AutoCloseable {

  /**
   * Opens the host on {@code config.home()}: migrates the control plane, checks the sandbox backend
   * and finishes lifecycle transitions a crash interrupted.
   *
   * @throws CellException if the home cannot be used or the sandbox backend cannot run here
   */
  static Host open(HostConfig config) {
    return DefaultHost.open(config);
  }

  HostConfig config();

  Cells cells();

  ApiKeys apiKeys();

  Deployments deployments();

  Runs runs();

  /** The operator's secrets: encrypted at rest, never shown back. */
  Secrets secrets();

  /** Customers' git credentials: per customer and host, encrypted at rest, never shown back. */
  GitCredentials gitCredentials();

  /** Forge webhooks that start agent runs: per-customer settings and deliveries. */
  Webhooks webhooks();

  /** Tokens spent through {@code ctx.llm}, per customer and deployment, against the budgets. */
  Usage usage();

  /** The sandbox backend of cells whose deployment names none, by name. */
  String sandboxBackend();

  /** Whether that backend isolates commands (false only for {@code none}). */
  boolean sandboxIsolated();

  /**
   * Pauses every ACTIVE cell that had no call for its idle timeout (its agent's {@code
   * spec().idleTimeout()}, or {@link CellDefaults#idleTimeout()}), unless a call or a run of it is
   * in progress. The host does this every {@link CellDefaults#idleCheckInterval()}; tests call it
   * with an injected clock.
   *
   * @return the ids of the cells it paused
   */
  java.util.List<String> pauseIdleCells();

  /** Closes every cell's handles and the control plane. */
  @Override
  void close();
}
