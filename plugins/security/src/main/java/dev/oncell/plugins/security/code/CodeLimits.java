package dev.oncell.plugins.security.code;

/**
 * What one file may cost the code engine; a file past a limit is skipped and reported, never a
 * failed scan.
 *
 * @param maxFileBytes larger files are not parsed (generated code, bundles)
 * @param maxNodes syntax nodes per file
 * @param maxDepth nesting of the syntax tree (the data flow is recursive)
 * @param maxMillisPerFile wall-clock time per file, regular expressions included
 */
public record CodeLimits(int maxFileBytes, int maxNodes, int maxDepth, long maxMillisPerFile) {

  public CodeLimits {
    if (maxFileBytes < 1 || maxNodes < 1 || maxDepth < 1 || maxMillisPerFile < 1) {
      throw new IllegalArgumentException("code limits must be positive");
    }
  }

  /** 512 KiB, 500,000 nodes, 400 levels, 2 seconds. */
  public static CodeLimits defaults() {
    return new CodeLimits(512 * 1024, 500_000, 400, 2_000);
  }
}
