package dev.oncell.cli;

import dev.oncell.client.CellStatus;
import dev.oncell.client.Customer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** How cells print: sizes in binary units, one table row per cell, or an inspect block. */
final class CellFormat {

  private CellFormat() {}

  /** {@code 4.0 GiB}, {@code 512.0 MiB}, {@code 100 B}. */
  static String bytes(long value) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double size = value;
    int unit = 0;
    while (size >= 1024 && unit < units.length - 1) {
      size /= 1024;
      unit++;
    }
    return unit == 0 ? value + " B" : String.format(Locale.ROOT, "%.1f %s", size, units[unit]);
  }

  static String cpus(double cpus) {
    return cpus == Math.rint(cpus)
        ? Long.toString((long) cpus)
        : String.format(Locale.ROOT, "%.2f", cpus);
  }

  static String quota(long diskBytes) {
    return diskBytes == 0 ? "none" : bytes(diskBytes);
  }

  static String used(CellStatus cell) {
    return cell.diskUsage().map(d -> bytes(d.bytes())).orElse("-");
  }

  static String duration(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  static Table table(List<Customer> customers) {
    Table table =
        Table.of(
            "ID",
            "STATE",
            "AGENT",
            "BACKEND",
            "CPUS",
            "MEMORY",
            "PROCS",
            "DISK QUOTA",
            "DISK USED",
            "LAST ACTIVE");
    for (Customer c : customers) {
      if (c.cell().isPresent()) {
        CellStatus cell = c.cell().get();
        table.row(
            c.id(),
            c.state(),
            c.agent().orElse("-"),
            cell.backend(),
            cpus(cell.limits().cpus()),
            bytes(cell.limits().memoryBytes()),
            cell.limits().maxProcesses(),
            quota(cell.limits().diskBytes()),
            used(cell),
            c.lastActiveAt());
      } else {
        table.row(
            c.id(),
            c.state(),
            c.agent().orElse("-"),
            "-",
            "-",
            "-",
            "-",
            "-",
            "-",
            c.lastActiveAt());
      }
    }
    return table;
  }

  /** The lines of {@code oncell cells inspect} about the cell. */
  static void printCell(PrintWriter out, CellStatus cell) {
    CellStatus.Limits limits = cell.limits();
    out.println("backend   " + cell.backend());
    out.println(
        "limits    "
            + cpus(limits.cpus())
            + " cpus, "
            + bytes(limits.memoryBytes())
            + " memory, "
            + limits.maxProcesses()
            + " processes, disk quota "
            + quota(limits.diskBytes()));
    out.println("idle      pauses after " + duration(cell.idleTimeout()) + " without calls");
    out.println(
        "disk      "
            + cell.diskUsage()
                .map(d -> bytes(d.bytes()) + " in " + d.files() + " files (" + d.measuredAt() + ")")
                .orElse("not measured"));
  }
}
