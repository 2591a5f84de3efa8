package dev.oncell.plugins.security.deps;

import dev.oncell.agent.Agent;
import dev.oncell.agent.CellSpec;
import dev.oncell.agent.Context;
import dev.oncell.plugins.security.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * A tiny agent that wires the dependency engine the way the security agent does, so that {@link
 * DepsMethods} is tested in a real cell (air-gapped, as the security agent's) before the agent
 * itself lands.
 */
@Extension
public class DepsTestAgent extends Agent {

  /** The files to scan, relative to /work. */
  public record ScanRequest(List<String> paths) {}

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

  public DependencyReport scanDeps(Context ctx, ScanRequest request) {
    List<SourceFile> files = new ArrayList<>();
    for (String path : request.paths()) {
      files.add(new SourceFile(path, path, ctx.store().read(path)));
    }
    return new DependencyScanner(OsvStore.over(ctx.db())).report(files);
  }
}
