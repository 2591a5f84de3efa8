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
    return toBuilder().compute(value).build();
  }

  public CellSpec withStorage(String value) {
    return toBuilder().storage(value).build();
  }

  public CellSpec withGpu(String value) {
    return toBuilder().gpu(Optional.of(value)).build();
  }

  public CellSpec withPackages(String... value) {
    return toBuilder().packages(List.of(value)).build();
  }

  public CellSpec withIdleTimeout(Duration value) {
    return toBuilder().idleTimeout(value).build();
  }

  public CellSpec withNetwork(Network value) {
    return toBuilder().network(value).build();
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

  /** A builder that starts from these values, for changing several at once. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes values; {@link #build} checks them as the constructor does. */
  public static final class Builder {
    private String compute;
    private String storage;
    private Optional<String> gpu;
    private List<String> packages;
    private Duration idleTimeout;
    private Network network;

    private Builder(CellSpec from) {
      this.compute = from.compute();
      this.storage = from.storage();
      this.gpu = from.gpu();
      this.packages = from.packages();
      this.idleTimeout = from.idleTimeout();
      this.network = from.network();
    }

    public Builder compute(String value) {
      this.compute = value;
      return this;
    }

    public Builder storage(String value) {
      this.storage = value;
      return this;
    }

    public Builder gpu(Optional<String> value) {
      this.gpu = value;
      return this;
    }

    public Builder packages(List<String> value) {
      this.packages = value;
      return this;
    }

    public Builder idleTimeout(Duration value) {
      this.idleTimeout = value;
      return this;
    }

    public Builder network(Network value) {
      this.network = value;
      return this;
    }

    public CellSpec build() {
      return new CellSpec(compute, storage, gpu, packages, idleTimeout, network);
    }
  }
}
