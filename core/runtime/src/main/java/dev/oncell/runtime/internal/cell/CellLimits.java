package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.CellSpec;
import dev.oncell.runtime.CellDefaults;
import dev.oncell.runtime.CellException;
import dev.oncell.sandbox.SandboxLimits;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an agent's {@link CellSpec} into the sandbox's limits. Sizes are binary: {@code 4gb} is 4
 * GiB. {@code storage} becomes a disk quota only when the host enforces quotas.
 */
public final class CellLimits {

  private static final Pattern COMPUTE = Pattern.compile("(\\d{1,9})cpu-(\\d{1,12})(mb|gb)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(mb|gb|tb)");

  private CellLimits() {}

  /**
   * The limits of the cells of an agent with {@code spec}.
   *
   * @throws CellException {@code invalid_cell_spec} (INVALID) for a spec the sandbox cannot honour,
   *     such as {@code 0cpu-4gb} or {@code 1cpu-8mb}
   */
  public static SandboxLimits of(CellSpec spec, CellDefaults defaults) {
    Matcher compute = COMPUTE.matcher(spec.compute());
    if (!compute.matches()) {
      throw invalid("compute must look like 2cpu-4gb, not '" + spec.compute() + "'");
    }
    Matcher storage = SIZE.matcher(spec.storage());
    if (!storage.matches()) {
      throw invalid("storage must look like 10gb, not '" + spec.storage() + "'");
    }
    long memory = bytes(compute.group(2), compute.group(3), "compute " + spec.compute());
    long disk = bytes(storage.group(1), storage.group(2), "storage " + spec.storage());
    try {
      return new SandboxLimits(
          Integer.parseInt(compute.group(1)),
          memory,
          defaults.maxProcesses(),
          defaults.diskQuota() ? disk : 0);
    } catch (IllegalArgumentException e) {
      throw invalid(
          "the cell spec (compute "
              + spec.compute()
              + ", storage "
              + spec.storage()
              + ") cannot be a sandbox: "
              + e.getMessage());
    }
  }

  private static long bytes(String number, String unit, String what) {
    long unitBytes =
        switch (unit) {
          case "mb" -> SandboxLimits.MIB;
          case "gb" -> SandboxLimits.GIB;
          default -> 1024 * SandboxLimits.GIB;
        };
    try {
      return Math.multiplyExact(Long.parseLong(number), unitBytes);
    } catch (ArithmeticException e) {
      throw invalid(what + " is too large");
    }
  }

  private static CellException invalid(String message) {
    return CellException.invalid("invalid_cell_spec", message);
  }
}
