package dev.oncell.search.eval;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexOptions;
import java.nio.file.Path;

/** The indexes the evaluation can run against. */
final class Indexes {

  /** Opens an index of {@code root} stored in {@code indexDir}. */
  @FunctionalInterface
  interface Factory {
    CodeIndex open(Path indexDir, Path root, IndexOptions options);
  }

  private Indexes() {}

  /** oncell's Lucene index: what the server uses. */
  static Factory lucene() {
    return CodeIndex::open;
  }

  /** The brute-force reference index ({@link ScanIndex}); keeps nothing in {@code indexDir}. */
  static Factory scan() {
    return (indexDir, root, options) -> new ScanIndex(root, options);
  }
}
