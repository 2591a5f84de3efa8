package dev.oncell.search.eval;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.IndexOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/** The indexes the evaluation can run against. */
final class Indexes {

  /** Opens an index of {@code root} stored in {@code indexDir}. */
  @FunctionalInterface
  interface Factory {
    CodeIndex open(Path indexDir, Path root, IndexOptions options);
  }

  private Indexes() {}

  /** The brute-force reference index ({@link ScanIndex}); keeps nothing in {@code indexDir}. */
  static Factory scan() {
    return (indexDir, root, options) -> new ScanIndex(root, options);
  }

  /**
   * oncell's Lucene index through {@code CodeIndex.open(Path indexDir, Path root, IndexOptions)},
   * if this build has it. It is looked up rather than called so that the evaluation compiles and
   * runs (against {@link #scan()}) on branches where the index is not merged yet; once it is, this
   * can become a plain call.
   */
  static Optional<Factory> lucene() {
    Method open;
    try {
      open = CodeIndex.class.getMethod("open", Path.class, Path.class, IndexOptions.class);
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
    return Optional.of(
        (indexDir, root, options) -> {
          try {
            return (CodeIndex) open.invoke(null, indexDir, root, options);
          } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
              throw runtime;
            }
            throw new IllegalStateException(e.getCause());
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
