package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import org.pf4j.Extension;

/**
 * An agent, named {@code public-forge}, whose cells may reach github.com only, as a shipped agent
 * would list: the host's {@code CellDefaults.egressAllow} is how an operator adds its own hosts.
 */
@Extension
public class PublicForgeAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.allow("github.com"));
  }
}
