package dev.oncell.runtime.testagents;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * A test agent for the cell lifecycle, named {@code lifecycle}: a small cell (1 CPU, 512 MB, 2 GB
 * of disk) that idles out after 5 minutes, and a method that waits outside any cell call, as a run
 * waiting on an LLM does.
 */
@Extension
public class LifecycleAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults()
        .withCompute("1cpu-512mb")
        .withStorage("2gb")
        .withIdleTimeout(Duration.ofMinutes(5));
  }

  /** Where the test lets {@link #await} go on: a file on the host, outside every cell. */
  public record Gate(String path) {}

  /** Writes a file and a memory key, then waits for the gate without holding the cell. */
  @AgentMethod(timeout = "PT60S")
  public String await(Context ctx, Gate gate) throws InterruptedException {
    ctx.store().write("before-wait.txt", "1".getBytes(StandardCharsets.UTF_8));
    ctx.memory().set("waited", TextNode.valueOf("yes"));
    while (!Files.exists(Path.of(gate.path()))) {
      Thread.sleep(10);
    }
    return ctx.shell("cat before-wait.txt").stdout();
  }
}
