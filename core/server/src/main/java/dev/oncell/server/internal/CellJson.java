package dev.oncell.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.CellDetails;
import dev.oncell.runtime.DiskUsage;
import dev.oncell.sandbox.SandboxLimits;

/** A customer with what its cell runs with: backend, limits, idle timeout, disk use. */
final class CellJson {

  private CellJson() {}

  /** The customer object of {@link Responses#customer} plus the cell's fields. */
  static ObjectNode of(CellDetails cell) {
    ObjectNode node = Responses.customer(cell.info());
    node.put("backend", cell.backend());
    node.set("limits", limits(cell.limits()));
    node.put("idleTimeoutSeconds", cell.idleTimeout().toSeconds());
    if (cell.diskUsage().isPresent()) {
      node.set("diskUsage", disk(cell.diskUsage().get()));
    } else {
      node.putNull("diskUsage");
    }
    return node;
  }

  private static ObjectNode limits(SandboxLimits limits) {
    ObjectNode node = Responses.JSON.createObjectNode();
    node.put("cpus", limits.cpus());
    node.put("memoryBytes", limits.memoryBytes());
    node.put("maxProcesses", limits.maxProcesses());
    node.put("diskBytes", limits.diskBytes());
    return node;
  }

  private static ObjectNode disk(DiskUsage usage) {
    ObjectNode node = Responses.JSON.createObjectNode();
    node.put("bytes", usage.bytes());
    node.put("files", usage.files());
    node.put("measuredAt", usage.measuredAt().toString());
    return node;
  }
}
