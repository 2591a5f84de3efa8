package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import org.pf4j.Extension;

/**
 * An agent, named {@code localhost}, that lists the name {@code localhost}: a name that resolves to
 * loopback, which the egress check refuses because no IP entry names that address.
 */
@Extension
public class LocalhostAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("localhost"));
  }

  public record Fetch(String dest, String url) {}

  public String upload(Context ctx, Fetch fetch) {
    ctx.upload(fetch.dest(), fetch.url());
    return "uploaded";
  }
}
