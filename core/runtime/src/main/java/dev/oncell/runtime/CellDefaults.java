package dev.oncell.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How the host runs cells when their agent does not say: the lifecycle and the limits that the
 * agent's {@code CellSpec} does not carry.
 *
 * @param idleTimeout how long a cell without an agent stays ACTIVE without calls before it pauses
 *     (an agent's cells use its {@code spec().idleTimeout()})
 * @param idleCheckInterval how often the host looks for idle cells to pause
 * @param maxProcesses processes and threads a cell may have alive at once
 * @param diskQuota whether the agent's {@code storage} is enforced as a disk quota on {@code
 *     /work}; off, cells get no disk limit
 * @param maxUploadBytes the largest file {@code ctx.upload} downloads into a cell
 * @param uploadTimeout how long one request of {@code ctx.upload} (each redirect is one) may take
 */
public record CellDefaults(
    Duration idleTimeout,
    Duration idleCheckInterval,
    int maxProcesses,
    boolean diskQuota,
    long maxUploadBytes,
    Duration uploadTimeout) {

  public CellDefaults {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(idleCheckInterval, "idleCheckInterval");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
    if (idleCheckInterval.compareTo(Duration.ofMillis(10)) < 0) {
      throw new IllegalArgumentException(
          "idleCheckInterval must be at least 10 ms: " + idleCheckInterval);
    }
    if (maxProcesses < 8) {
      throw new IllegalArgumentException("maxProcesses must be at least 8: " + maxProcesses);
    }
    Objects.requireNonNull(uploadTimeout, "uploadTimeout");
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("maxUploadBytes must be positive: " + maxUploadBytes);
    }
    if (uploadTimeout.isNegative() || uploadTimeout.isZero()) {
      throw new IllegalArgumentException("uploadTimeout must be positive: " + uploadTimeout);
    }
  }

  /**
   * Idle after 30 minutes, checked every 30 seconds, 1,024 processes, no disk quota, uploads of at
   * most 1 GiB taking at most 10 minutes a request.
   */
  public static CellDefaults defaults() {
    return new CellDefaults(
        Duration.ofMinutes(30),
        Duration.ofSeconds(30),
        1024,
        false,
        1L << 30,
        Duration.ofMinutes(10));
  }

  public CellDefaults withIdleTimeout(Duration value) {
    return new CellDefaults(
        value, idleCheckInterval, maxProcesses, diskQuota, maxUploadBytes, uploadTimeout);
  }

  public CellDefaults withIdleCheckInterval(Duration value) {
    return new CellDefaults(
        idleTimeout, value, maxProcesses, diskQuota, maxUploadBytes, uploadTimeout);
  }

  public CellDefaults withMaxProcesses(int value) {
    return new CellDefaults(
        idleTimeout, idleCheckInterval, value, diskQuota, maxUploadBytes, uploadTimeout);
  }

  public CellDefaults withDiskQuota(boolean value) {
    return new CellDefaults(
        idleTimeout, idleCheckInterval, maxProcesses, value, maxUploadBytes, uploadTimeout);
  }

  public CellDefaults withMaxUploadBytes(long value) {
    return new CellDefaults(
        idleTimeout, idleCheckInterval, maxProcesses, diskQuota, value, uploadTimeout);
  }

  public CellDefaults withUploadTimeout(Duration value) {
    return new CellDefaults(
        idleTimeout, idleCheckInterval, maxProcesses, diskQuota, maxUploadBytes, value);
  }
}
