package dev.oncell.sandbox;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a cell uses right now, and the limits the kernel enforces on it, as read back from the
 * kernel (so a limit that did not take shows as different from the requested one). Each value is
 * empty when the backend cannot tell: the {@code none} backend knows nothing, a cell without a disk
 * quota has no disk figures.
 *
 * @param memoryBytes memory charged to the cell's processes (page cache included)
 * @param memoryLimitBytes the memory limit in force
 * @param cpuNanos CPU time the cell's processes used since the sandbox was opened
 * @param cpuLimit the CPU share in force, in cores
 * @param processes processes and threads alive in the cell
 * @param processLimit the process limit in force
 * @param diskUsedBytes bytes used on the cell's {@code /work} filesystem
 * @param diskTotalBytes size of the cell's {@code /work} filesystem
 */
public record SandboxUsage(
    OptionalLong memoryBytes,
    OptionalLong memoryLimitBytes,
    OptionalLong cpuNanos,
    OptionalDouble cpuLimit,
    OptionalInt processes,
    OptionalInt processLimit,
    OptionalLong diskUsedBytes,
    OptionalLong diskTotalBytes) {

  public SandboxUsage {
    Objects.requireNonNull(memoryBytes, "memoryBytes");
    Objects.requireNonNull(memoryLimitBytes, "memoryLimitBytes");
    Objects.requireNonNull(cpuNanos, "cpuNanos");
    Objects.requireNonNull(cpuLimit, "cpuLimit");
    Objects.requireNonNull(processes, "processes");
    Objects.requireNonNull(processLimit, "processLimit");
    Objects.requireNonNull(diskUsedBytes, "diskUsedBytes");
    Objects.requireNonNull(diskTotalBytes, "diskTotalBytes");
  }

  /** Nothing known. */
  public static SandboxUsage unknown() {
    return new SandboxUsage(
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalDouble.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  /** This usage with other process figures (a backend that counts them itself). */
  public SandboxUsage withProcesses(int count, int limit) {
    return new SandboxUsage(
        memoryBytes,
        memoryLimitBytes,
        cpuNanos,
        cpuLimit,
        OptionalInt.of(count),
        OptionalInt.of(limit),
        diskUsedBytes,
        diskTotalBytes);
  }

  /** This usage with another CPU time. */
  public SandboxUsage withCpuNanos(long nanos) {
    return new SandboxUsage(
        memoryBytes,
        memoryLimitBytes,
        OptionalLong.of(nanos),
        cpuLimit,
        processes,
        processLimit,
        diskUsedBytes,
        diskTotalBytes);
  }

  /** This usage with the disk figures of the cell's filesystem. */
  public SandboxUsage withDisk(long usedBytes, long totalBytes) {
    return new SandboxUsage(
        memoryBytes,
        memoryLimitBytes,
        cpuNanos,
        cpuLimit,
        processes,
        processLimit,
        OptionalLong.of(usedBytes),
        OptionalLong.of(totalBytes));
  }
}
