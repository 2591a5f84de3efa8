package dev.oncell.agent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cell an agent declares: compute such as {@code 4cpu-8gb}, storage such as {@code 50gb}, an
 * optional GPU, system packages, the idle time after which the cell pauses, and its network.
 */
public record CellSpec(
    String compute,
    String storage,
    Optional<String> gpu,
    List<String> packages,
    Duration idleTimeout,
    Network network) {

  private static final Pattern COMPUTE = Pattern.compile("\\d+cpu-\\d+(mb|gb)");
  private static final Pattern STORAGE = Pattern.compile("\\d+(mb|gb|tb)");

  public CellSpec {
    Objects.requireNonNull(compute, "compute");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(gpu, "gpu");
    packages = List.copyOf(Objects.requireNonNull(packages, "packages"));
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(network, "network");
    if (!COMPUTE.matcher(compute).matches()) {
      throw new IllegalArgumentException("compute must look like 4cpu-8gb, not '" + compute + "'");
    }
    if (!STORAGE.matcher(storage).matches()) {
      throw new IllegalArgumentException("storage must look like 50gb, not '" + storage + "'");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
  }

  /** 2 CPUs, 4 GB, 10 GB of disk, no GPU, idle after 30 minutes, no egress. */
  public static CellSpec defaults() {
    return new CellSpec(
        "2cpu-4gb", "10gb", Optional.empty(), List.of(), Duration.ofMinutes(30), Network.blocked());
  }

  public CellSpec withCompute(String value) {
    return new CellSpec(value, storage, gpu, packages, idleTimeout, network);
  }

  public CellSpec withStorage(String value) {
    return new CellSpec(compute, value, gpu, packages, idleTimeout, network);
  }

  public CellSpec withGpu(String value) {
    return new CellSpec(compute, storage, Optional.of(value), packages, idleTimeout, network);
  }

  public CellSpec withPackages(String... value) {
    return new CellSpec(compute, storage, gpu, List.of(value), idleTimeout, network);
  }

  public CellSpec withIdleTimeout(Duration value) {
    return new CellSpec(compute, storage, gpu, packages, value, network);
  }

  public CellSpec withNetwork(Network value) {
    return new CellSpec(compute, storage, gpu, packages, idleTimeout, value);
  }

  /**
   * Egress of a cell: blocked, or allowed to the listed domains only (wildcards such as {@code
   * *.githubusercontent.com}).
   */
  public record Network(Egress egress, List<String> allow) {

    public enum Egress {
      BLOCKED,
      ALLOWED
    }

    public Network {
      Objects.requireNonNull(egress, "egress");
      allow = List.copyOf(Objects.requireNonNull(allow, "allow"));
    }

    public static Network blocked() {
      return new Network(Egress.BLOCKED, List.of());
    }

    public static Network allow(String... domains) {
      return new Network(Egress.ALLOWED, List.of(domains));
    }
  }
}
