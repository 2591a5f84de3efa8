package dev.oncell.runtime.testagents;

import dev.oncell.agent.CellSpec;
import org.pf4j.Extension;

/** {@link UpstreamAgent} with a 16 MB disk, named {@code tiny-disk}: for a clone over the quota. */
@Extension
public class TinyDiskAgent extends UpstreamAgent {

  @Override
  public CellSpec spec() {
    return super.spec().withStorage("16mb");
  }
}
