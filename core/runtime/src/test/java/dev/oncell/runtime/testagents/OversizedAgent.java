package dev.oncell.runtime.testagents;

import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import org.pf4j.Extension;

/** A test agent whose spec no sandbox can honour: no CPU at all. Named {@code oversized}. */
@Extension
public class OversizedAgent extends Agent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withCompute("0cpu-4gb");
  }
}
