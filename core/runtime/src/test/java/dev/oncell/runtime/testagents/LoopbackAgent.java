package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.AgentMethod;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.Extension;

/**
 * An agent, named {@code loopback}, whose cells may reach 127.0.0.1 (any port) and nothing else:
 * the explicit IP entry is the only way to allow a loopback address, which tests use for listeners
 * they start themselves.
 */
@Extension
public class LoopbackAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("127.0.0.1"));
  }

  public record Fetch(String dest, String url) {}

  public record Gated(String dest, String url, String gate) {}

  /**
   * Uploads, then waits outside any step for the gate (a file on the host) to exist, so a test can
   * restart the host between the upload and the end of the run.
   */
  @AgentMethod(timeout = "PT60S")
  public String uploadThenWait(Context ctx, Gated gated) throws InterruptedException {
    ctx.upload(gated.dest(), gated.url());
    while (!Files.exists(Path.of(gated.gate()))) {
      Thread.sleep(10);
    }
    return new String(ctx.store().read(gated.dest()), StandardCharsets.UTF_8);
  }

  /** Uploads {@code url} to {@code dest} and returns the file's text. */
  public String upload(Context ctx, Fetch fetch) {
    ctx.upload(fetch.dest(), fetch.url());
    return new String(ctx.store().read(fetch.dest()), StandardCharsets.UTF_8);
  }
}
