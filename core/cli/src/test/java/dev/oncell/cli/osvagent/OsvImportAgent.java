package dev.oncell.cli.osvagent;

import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.plugins.security.deps.DepsMethods;
import dev.oncell.plugins.security.deps.ImportOsvRequest;
import dev.oncell.plugins.security.deps.ImportResult;
import dev.oncell.plugins.security.deps.Snapshot;
import java.util.List;
import org.pf4j.Extension;

/**
 * An air-gapped agent with the security agent's {@code importOsv} and {@code osvSnapshots} wired as
 * the security agent wires them, deployed inside the security plugin's own jar by {@code
 * SecurityCommandTest}.
 */
@Extension
public class OsvImportAgent extends Agent {

  @Override
  public String name() {
    return "osv-import";
  }

  @Override
  public CellSpec spec() {
    return CellSpec.defaults().withNetwork(CellSpec.Network.blocked());
  }

  public ImportResult importOsv(Context ctx, ImportOsvRequest request) {
    return DepsMethods.importOsv(ctx, request);
  }

  public List<Snapshot> osvSnapshots(Context ctx) {
    return DepsMethods.osvSnapshots(ctx);
  }
}
