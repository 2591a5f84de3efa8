package dev.oncell.runtime;

import java.time.Duration;
import java.util.List;
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
 * @param egressAllow entries (as in {@code CellSpec.Network.allow}) added to the allow-list of
 *     every cell whose agent allows egress: the operator's own forge or package mirror, which a
 *     shipped agent cannot know. A cell whose agent blocks egress stays blocked: for it, these are
 *     the hosts the host may fetch its repository from, read-only, and nothing else.
 */
public record CellDefaults(
    Duration idleTimeout,
    Duration idleCheckInterval,
    int maxProcesses,
    boolean diskQuota,
    long maxUploadBytes,
    Duration uploadTimeout,
    List<String> egressAllow) {

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
    egressAllow = List.copyOf(egressAllow);
    if (!egressAllow.isEmpty()) {
      dev.oncell.sandbox.EgressPolicy.allowing(egressAllow); // names the first bad entry
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
        Duration.ofMinutes(10),
        List.of());
  }

  public CellDefaults withIdleTimeout(Duration value) {
    return toBuilder().idleTimeout(value).build();
  }

  public CellDefaults withIdleCheckInterval(Duration value) {
    return toBuilder().idleCheckInterval(value).build();
  }

  public CellDefaults withMaxProcesses(int value) {
    return toBuilder().maxProcesses(value).build();
  }

  public CellDefaults withDiskQuota(boolean value) {
    return toBuilder().diskQuota(value).build();
  }

  public CellDefaults withMaxUploadBytes(long value) {
    return toBuilder().maxUploadBytes(value).build();
  }

  public CellDefaults withUploadTimeout(Duration value) {
    return toBuilder().uploadTimeout(value).build();
  }

  public CellDefaults withEgressAllow(List<String> value) {
    return toBuilder().egressAllow(value).build();
  }

  /** A builder that starts from these values, for changing several at once. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes values; {@link #build} checks them as the constructor does. */
  public static final class Builder {
    private Duration idleTimeout;
    private Duration idleCheckInterval;
    private int maxProcesses;
    private boolean diskQuota;
    private long maxUploadBytes;
    private Duration uploadTimeout;
    private List<String> egressAllow;

    private Builder(CellDefaults from) {
      this.idleTimeout = from.idleTimeout();
      this.idleCheckInterval = from.idleCheckInterval();
      this.maxProcesses = from.maxProcesses();
      this.diskQuota = from.diskQuota();
      this.maxUploadBytes = from.maxUploadBytes();
      this.uploadTimeout = from.uploadTimeout();
      this.egressAllow = from.egressAllow();
    }

    public Builder idleTimeout(Duration value) {
      this.idleTimeout = value;
      return this;
    }

    public Builder idleCheckInterval(Duration value) {
      this.idleCheckInterval = value;
      return this;
    }

    public Builder maxProcesses(int value) {
      this.maxProcesses = value;
      return this;
    }

    public Builder diskQuota(boolean value) {
      this.diskQuota = value;
      return this;
    }

    public Builder maxUploadBytes(long value) {
      this.maxUploadBytes = value;
      return this;
    }

    public Builder uploadTimeout(Duration value) {
      this.uploadTimeout = value;
      return this;
    }

    public Builder egressAllow(List<String> value) {
      this.egressAllow = value;
      return this;
    }

    public CellDefaults build() {
      return new CellDefaults(
          idleTimeout,
          idleCheckInterval,
          maxProcesses,
          diskQuota,
          maxUploadBytes,
          uploadTimeout,
          egressAllow);
    }
  }
}
