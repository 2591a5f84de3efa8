package dev.oncell.runtime.testagents;

import dev.oncell.agent.CellSpec;
import org.pf4j.Extension;

/**
 * {@link UpstreamAgent} whose cells have no network at all ({@code Network.blocked()}), named
 * {@code air-gapped}: its repository can only come from the host's read-only fetch.
 */
@Extension
public class AirGappedAgent extends UpstreamAgent {

  @Override
  public CellSpec spec() {
    return super.spec().withNetwork(CellSpec.Network.blocked());
  }
}
