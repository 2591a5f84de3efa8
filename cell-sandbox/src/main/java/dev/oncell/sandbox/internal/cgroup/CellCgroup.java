package dev.oncell.sandbox.internal.cgroup;

import dev.oncell.sandbox.SandboxUsage;
import java.nio.file.Path;
import java.util.List;

/**
 * One cell's cgroup: on v1 a folder in each controller's hierarchy, on v2 one folder. A process
 * joins it by writing its own pid into every {@link #procsFiles()} before it execs the sandbox, so
 * that nothing of the cell ever runs outside it.
 */
public interface CellCgroup {

  /** The {@code cgroup.procs} files a process writes its pid into to join the cell. */
  List<Path> procsFiles();

  /** Memory, CPU and processes used now, with the limits in force; empty what cannot be read. */
  SandboxUsage usage();

  /** How many times the kernel's OOM killer has killed a process of the cgroup; 0 if unknown. */
  long outOfMemoryKills();

  /** Kills every process left in the cgroup and removes it. */
  void remove();
}
