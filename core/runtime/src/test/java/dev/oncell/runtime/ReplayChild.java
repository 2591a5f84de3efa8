package dev.oncell.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oncell.runtime.testagents.ProgressAgent;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A host in a child JVM for {@link ReplayAcrossJvmsTest}, which kills it with SIGKILL. {@code start
 * HOME LOG GATE} deploys {@link ProgressAgent}, creates customer {@code acme} and starts its {@code
 * report} run, printing {@code run <id>}; {@code resume HOME RUN} opens the host (which resumes the
 * run) and prints {@code finished <status> <error code>} once the run ends.
 */
public final class ReplayChild {

  private ReplayChild() {}

  public static void main(String[] args) throws Exception {
    HostConfig config = HostConfig.defaults(Path.of(args[1])).withSandbox("bubblewrap");
    try (Host host = Host.open(config)) {
      String runId;
      if (args[0].equals("start")) {
        host.deployments()
            .deploy(PluginJars.plugin("progress", "1.0.0", ProgressAgent.class), "production");
        ObjectNode cellConfig = JsonNodeFactory.instance.objectNode();
        cellConfig.put("log", args[2]);
        cellConfig.put("gate", args[3]);
        CellInfo cell =
            host.cells()
                .create(
                    new Cells.NewCell("acme", cellConfig, Optional.of("progress"), "production"));
        host.runs().await(cell.setupRunId().orElseThrow());
        runId =
            host.runs()
                .start("acme", "report", JsonNodeFactory.instance.nullNode(), Optional.empty())
                .id();
        System.out.println("run " + runId);
      } else {
        runId = args[2];
      }
      System.out.flush();
      RunInfo done = host.runs().await(runId);
      System.out.println(
          "finished "
              + done.status().wire()
              + " "
              + done.error().map(e -> e.code() + " " + e.message()).orElse("-"));
      System.out.flush();
    }
  }
}
