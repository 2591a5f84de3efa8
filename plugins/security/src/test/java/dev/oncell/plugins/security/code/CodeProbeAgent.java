package dev.oncell.plugins.security.code;

import dev.oncell.agent.Agent;
import dev.oncell.agent.Context;
import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;
import org.treesitter.TSParser;

/**
 * A test agent that runs the code engine in a cell: indexes the cell (the host's search parses the
 * files with the host's tree-sitter) and then scans the same files with the engine (the plugin's).
 * It reports which class loaders the two came from, so a test can see that each has its own.
 */
@Extension
public class CodeProbeAgent extends Agent {

  /** The files to scan, relative to /work. */
  public record ScanRequest(List<String> paths) {}

  /** What the engine found, and where its classes came from. */
  public record ScanReport(
      List<Finding> findings,
      List<CodeScan.Skipped> skipped,
      int indexed,
      String engineLoader,
      String treeSitterLoader,
      boolean foreignFunctions) {}

  /**
   * {@code FfmCursor.available()}, through reflection: when the kit deploys only the test classes,
   * this class is the plugin's and the engine the host's, two runtime packages of one name.
   */
  private static boolean foreignFunctions() {
    try {
      java.lang.reflect.Method available =
          Class.forName(
                  CodeScanner.class.getPackageName() + ".FfmCursor",
                  true,
                  CodeScanner.class.getClassLoader())
              .getDeclaredMethod("available");
      available.setAccessible(true);
      return (boolean) available.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  public ScanReport scan(Context ctx, ScanRequest request) {
    int indexed = ctx.index(".").files();
    List<SourceFile> files = new ArrayList<>();
    for (String path : request.paths()) {
      files.add(new SourceFile(path, "probe", ctx.store().read(path)));
    }
    CodeScan scan = CodeScanner.create().scanAll(files);
    return new ScanReport(
        scan.findings(),
        scan.skipped(),
        indexed,
        String.valueOf(CodeScanner.class.getClassLoader()),
        String.valueOf(TSParser.class.getClassLoader()),
        foreignFunctions());
  }
}
