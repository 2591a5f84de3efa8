package dev.oncell.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A source tree for {@code oncell bench search}, with queries and grep patterns that fit it. */
interface BenchCorpus {

  /** What the table calls it. */
  String name();

  /** Writes at most {@code files} files under {@code root}; returns their total size in bytes. */
  long write(Path root, int files) throws IOException;

  /** {@code count} search queries, about half of them natural language. */
  List<String> queries(int count);

  /** A file of the tree (relative path) to edit for the incremental measurement. */
  String fileToEdit();

  /** Grep patterns from rare to common, and one that no n-gram index can narrow. */
  List<String> grepPatterns();
}
