package dev.oncell.search.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * What git ignores under a root: {@code .gitignore} files at every level (the deepest decides, a
 * {@code !} rule re-includes) and then {@code .git/info/exclude}. Files are parsed by JGit's {@link
 * IgnoreNode}, once per walk. Not thread-safe.
 */
final class IgnoreRules {

  private final Path root;
  private final Optional<IgnoreNode> exclude;
  private final Map<String, Optional<IgnoreNode>> nodes = new HashMap<>();
  private int present;

  IgnoreRules(Path root) {
    this.root = root;
    this.exclude = parse(root.resolve(".git").resolve("info").resolve("exclude"));
  }

  /**
   * Whether {@code rel} (a path relative to the root) is ignored, looking only at the rules of its
   * ancestors: a caller walking down prunes ignored directories itself.
   */
  boolean ignored(String rel, boolean directory) {
    if (present == 0 && exclude.isEmpty()) {
      return false; // no rules were loaded on the way down
    }
    int slash = rel.length();
    while (true) {
      slash = rel.lastIndexOf('/', slash - 1);
      String dir = slash < 0 ? "" : rel.substring(0, slash);
      Optional<IgnoreNode> node = node(dir);
      if (node.isPresent()) {
        Boolean verdict = node.get().checkIgnored(rel.substring(slash + 1), directory);
        if (verdict != null) {
          return verdict;
        }
      }
      if (slash < 0) {
        break;
      }
    }
    if (exclude.isPresent()) {
      Boolean verdict = exclude.get().checkIgnored(rel, directory);
      return verdict != null && verdict;
    }
    return false;
  }

  /** Whether {@code rel} or one of its ancestor directories is ignored. */
  boolean ignoredWithAncestors(String rel, boolean directory) {
    enter("");
    int slash = -1;
    while ((slash = rel.indexOf('/', slash + 1)) >= 0) {
      enter(rel.substring(0, slash));
    }
    slash = -1;
    while ((slash = rel.indexOf('/', slash + 1)) >= 0) {
      if (ignored(rel.substring(0, slash), true)) {
        return true;
      }
    }
    return ignored(rel, directory);
  }

  /**
   * Loads the rules of directory {@code dir} (relative; empty for the root). A caller walking down
   * enters each directory before the files in it, so that {@link #ignored} knows whether any rule
   * exists at all.
   */
  void enter(String dir) {
    node(dir);
  }

  private Optional<IgnoreNode> node(String dir) {
    Optional<IgnoreNode> node = nodes.get(dir);
    if (node == null) {
      node = parse((dir.isEmpty() ? root : root.resolve(dir)).resolve(".gitignore"));
      nodes.put(dir, node);
      if (node.isPresent()) {
        present++;
      }
    }
    return node;
  }

  private static Optional<IgnoreNode> parse(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    IgnoreNode node = new IgnoreNode();
    try (InputStream in = Files.newInputStream(file)) {
      node.parse(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    return node.getRules().isEmpty() ? Optional.empty() : Optional.of(node);
  }
}
