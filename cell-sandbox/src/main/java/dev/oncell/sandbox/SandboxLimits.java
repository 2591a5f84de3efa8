package dev.oncell.sandbox;

/**
 * What one cell may use. Enforced by the backend with cgroups (CPU, memory, processes) and a
 * per-cell filesystem (disk); command timeouts and output caps are per {@link ExecRequest}.
 *
 * @param cpus CPU share, in cores (0.5 is half a core), at least 0.01
 * @param memoryBytes memory of all the cell's processes together
 * @param maxProcesses processes and threads alive at once
 * @param diskBytes size of the cell's {@code /work} filesystem; 0 for no disk quota
 */
public record SandboxLimits(double cpus, long memoryBytes, int maxProcesses, long diskBytes) {

  public static final long MIB = 1L << 20;
  public static final long GIB = 1L << 30;

  public SandboxLimits {
    // 0.01 core is 1 ms per 100 ms period, the smallest CPU quota the kernel accepts.
    if (!(cpus >= 0.01) || cpus > 1024) {
      throw new IllegalArgumentException("cpus must be in [0.01, 1024]: " + cpus);
    }
    if (memoryBytes < 16 * MIB) {
      throw new IllegalArgumentException("memory must be at least 16 MiB: " + memoryBytes);
    }
    if (maxProcesses < 8) {
      throw new IllegalArgumentException("maxProcesses must be at least 8: " + maxProcesses);
    }
    if (diskBytes != 0 && diskBytes < 16 * MIB) {
      throw new IllegalArgumentException("disk must be 0 (no quota) or at least 16 MiB");
    }
  }

  /** 2 CPUs, 4 GiB, 1,024 processes, no disk quota. */
  public static SandboxLimits defaults() {
    return new SandboxLimits(2, 4 * GIB, 1024, 0);
  }

  public SandboxLimits withCpus(double value) {
    return new SandboxLimits(value, memoryBytes, maxProcesses, diskBytes);
  }

  public SandboxLimits withMemoryBytes(long value) {
    return new SandboxLimits(cpus, value, maxProcesses, diskBytes);
  }

  public SandboxLimits withMaxProcesses(int value) {
    return new SandboxLimits(cpus, memoryBytes, value, diskBytes);
  }

  public SandboxLimits withDiskBytes(long value) {
    return new SandboxLimits(cpus, memoryBytes, maxProcesses, value);
  }
}
