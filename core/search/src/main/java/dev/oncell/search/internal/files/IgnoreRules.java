package dev.oncell.search.internal.files;

import dev.oncell.sandbox.fs.CellDir;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * What git ignores under a root: {@code .gitignore} files at every level (the deepest decides, a
 * {@code !} rule re-includes) and then {@code .git/info/exclude}. Files are parsed by JGit's {@link
 * IgnoreNode}, once per walk, read through the walk's directory descriptor (never following a
 * link). Not thread-safe.
 */
final class IgnoreRules {

  private final CellDir root;
  private final Optional<IgnoreNode> exclude;
  private final Map<String, Optional<IgnoreNode>> nodes = new HashMap<>();
  private int present;

  IgnoreRules(CellDir root) {
    this.root = root;
    this.exclude = parse(root, ".git/info/exclude");
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
      node = parse(root, dir.isEmpty() ? ".gitignore" : dir + "/.gitignore");
      nodes.put(dir, node);
      if (node.isPresent()) {
        present++;
      }
    }
    return node;
  }

  /** An ignore file larger than this is not read (git's own are tiny; this one is hostile). */
  private static final long MAX_IGNORE_BYTES = 1 << 20;

  private static Optional<IgnoreNode> parse(CellDir root, String file) {
    IgnoreNode node = new IgnoreNode();
    try (CellDir.OpenFile open = root.openFileAt(file);
        InputStream in = open.stream()) {
      if (open.stat().size() > MAX_IGNORE_BYTES) {
        return Optional.empty();
      }
      node.parse(in);
    } catch (IOException e) {
      return Optional.empty(); // absent, not a regular file, or a link: no rules
    }
    return node.getRules().isEmpty() ? Optional.empty() : Optional.of(node);
  }
}
