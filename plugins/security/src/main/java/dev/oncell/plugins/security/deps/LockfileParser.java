package dev.oncell.plugins.security.deps;

/**
 * Reads the dependencies of one kind of lock file or manifest. A parser is given text already
 * bounded in size by {@link Lockfiles}; it throws {@link LockfileException} (or any runtime
 * exception, which {@link Lockfiles} turns into a skipped file) for input it cannot read, and never
 * loops or recurses without bound.
 */
interface LockfileParser {

  /** Whether this parser reads the file named {@code fileName} (the last path segment). */
  boolean accepts(String fileName);

  /** The dependencies in {@code text}, the content of {@code path}. */
  ParsedFile parse(String path, String text);
}
