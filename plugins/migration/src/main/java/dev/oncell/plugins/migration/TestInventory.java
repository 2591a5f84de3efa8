package dev.oncell.plugins.migration;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The test methods of the repository, file by file, kept up to date as steps change files: the
 * baseline is read once, then only the files a step changed are read again (and put back when the
 * step is reverted).
 */
final class TestInventory {

  /** Test files larger than this are not parsed; their tests are not counted by source. */
  static final int MAX_BYTES = 1 << 20;

  private final Worktree tree;
  private TreeMap<String, Map<String, Boolean>> byFile = new TreeMap<>();

  TestInventory(Worktree tree) {
    this.tree = tree;
  }

  /** Reads every test file of {@code files}. */
  void scan(List<String> files) {
    byFile = new TreeMap<>();
    update(files);
  }

  /** Reads {@code paths} again (those that are test files); a deleted file has no tests. */
  void update(Collection<String> paths) {
    for (String path : paths) {
      if (!TestMethods.isTestFile(path)) {
        continue;
      }
      byFile.remove(path);
      tree.read(path)
          .filter(b -> b.length <= MAX_BYTES)
          .ifPresent(
              b ->
                  byFile.put(
                      path,
                      TestMethods.of(
                          path, new String(b, java.nio.charset.StandardCharsets.UTF_8))));
    }
  }

  TreeMap<String, Map<String, Boolean>> snapshot() {
    return new TreeMap<>(byFile);
  }

  void restore(TreeMap<String, Map<String, Boolean>> snapshot) {
    byFile = new TreeMap<>(snapshot);
  }

  /** Every test id, mapped to whether some file has it with a body that does something. */
  SortedMap<String, Boolean> methods() {
    SortedMap<String, Boolean> all = new TreeMap<>();
    byFile.values().forEach(m -> m.forEach((id, body) -> all.merge(id, body, Boolean::logicalOr)));
    return all;
  }
}
