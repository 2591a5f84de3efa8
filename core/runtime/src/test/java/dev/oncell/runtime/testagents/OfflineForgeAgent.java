package dev.oncell.runtime.testagents;

import dev.oncell.agent.CellSpec;
import org.pf4j.Extension;

/** {@link ForgeAgent} under the name {@code offline-forge}, whose cells have no egress at all. */
@Extension
public class OfflineForgeAgent extends ForgeAgent {

  @Override
  public CellSpec spec() {
    return CellSpec.defaults();
  }
}
