package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import org.pf4j.Extension;

/** An agent whose allow-list has a wildcard too broad to be valid ({@code *.com}). */
@Extension
public class BadAllowListAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("api.github.com", "*.com"));
  }
}
