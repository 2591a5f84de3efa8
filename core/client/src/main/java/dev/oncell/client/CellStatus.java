package dev.oncell.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a customer's cell runs with, as the server reports it with the customer.
 *
 * @param backend the sandbox backend its commands run in ({@code gvisor}, {@code bubblewrap},
 *     {@code none})
 * @param limits CPU, memory, processes and disk quota of its sandbox
 * @param idleTimeout how long it stays active without calls before the server pauses it
 * @param diskUsage the size of its work folder when last measured; empty if never measured since
 *     the server started ({@link Customers#get} measures it, {@link Customers#list} does not)
 */
public record CellStatus(
    String backend, Limits limits, Duration idleTimeout, Optional<DiskUsage> diskUsage) {

  public CellStatus {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(diskUsage, "diskUsage");
  }

  /**
   * @param cpus CPU share in cores
   * @param memoryBytes memory of all the cell's processes together
   * @param maxProcesses processes and threads alive at once
   * @param diskBytes the disk quota of its work folder; 0 for none
   */
  public record Limits(double cpus, long memoryBytes, int maxProcesses, long diskBytes) {}

  /**
   * @param bytes the sizes of the work folder's files added up
   * @param files how many files it holds
   * @param measuredAt when it was measured
   */
  public record DiskUsage(long bytes, long files, Instant measuredAt) {
    public DiskUsage {
      Objects.requireNonNull(measuredAt, "measuredAt");
    }
  }
}
