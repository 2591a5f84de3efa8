package dev.oncell.plugins.security;

import dev.oncell.agent.Context;
import dev.oncell.agent.ShellResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cell's repository as blobs, read with the cell's own {@code git} ({@code ctx.shell}) and the
 * guarded file store ({@code ctx.store}); the host never opens the cell's {@code .git}. Listings
 * and blob contents go through files under {@code .git/oncell-security/} (inside the cell, outside
 * the working tree) so that no shell output cap cuts them.
 */
final class CellObjects {

  static final String DIR = ".git/oncell-security";
  private static final Pattern OID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern SIZE = Pattern.compile("[0-9]{1,18}");

  /** A blob: its id, a path it is found at, and its size in bytes. */
  record Blob(String objectId, String path, long size) {}

  /**
   * The blobs to scan.
   *
   * @param tree the working tree's files (untracked ones included, ignored ones not), by path
   * @param history every blob of every commit reachable from any ref, once each, at the first path
   *     git names it by; those also in the tree are left out
   */
  record Inventory(Map<String, Blob> tree, Map<String, Blob> history) {}

  private final Context ctx;

  CellObjects(Context ctx) {
    this.ctx = ctx;
  }

  Inventory inventory(boolean withHistory) {
    ShellResult listed =
        ctx.shell(
            "set -e; d="
                + DIR
                + "; mkdir -p $d; git -c core.quotePath=false ls-files -c -o --exclude-standard -z"
                + " | tr '\\0' '\\n' | while IFS= read -r p; do"
                + " if [ -f \"$p\" ] && [ ! -L \"$p\" ]; then printf '%s\\n' \"$p\"; fi; done"
                + " > $d/files; git hash-object --no-filters -w --stdin-paths < $d/files > $d/ids;"
                + " git cat-file --batch-check='%(objectname) %(objectsize)' < $d/ids > $d/sizes;"
                + (withHistory
                    ? " git rev-list --objects --all | git cat-file --batch-check="
                        + "'%(objecttype) %(objectname) %(objectsize) %(rest)'"
                        + " | { grep '^blob ' || true; } > $d/history"
                    : " : > $d/history"));
    if (listed.failed()) {
      throw SecurityException.invalid(
          "security_git_failed", "cannot list the repository's files: " + listed.stderr().strip());
    }
    List<String> files = lines(DIR + "/files");
    List<String> sizes = lines(DIR + "/sizes");
    if (files.size() != sizes.size()) {
      throw SecurityException.invalid(
          "security_git_failed", "the repository's file listing and object ids disagree");
    }
    Map<String, Blob> tree = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      String[] idSize = sizes.get(i).split(" ");
      if (idSize.length == 2
          && OID.matcher(idSize[0]).matches()
          && SIZE.matcher(idSize[1]).matches()) {
        tree.put(files.get(i), new Blob(idSize[0], files.get(i), Long.parseLong(idSize[1])));
      }
    }
    java.util.Set<String> inTree = new java.util.HashSet<>();
    tree.values().forEach(b -> inTree.add(b.objectId()));
    Map<String, Blob> history = new LinkedHashMap<>();
    for (String line : lines(DIR + "/history")) {
      String[] parts = line.split(" ", 4);
      if (parts.length < 3
          || !OID.matcher(parts[1]).matches()
          || !SIZE.matcher(parts[2]).matches()
          || inTree.contains(parts[1])) {
        continue; // the cell's git wrote it: a line that does not parse is not trusted
      }
      String path = parts.length == 4 ? parts[3] : parts[1];
      history.putIfAbsent(parts[1], new Blob(parts[1], path, Long.parseLong(parts[2])));
    }
    return new Inventory(tree, history);
  }

  /**
   * The contents of {@code blobs}, by object id, read in one {@code git cat-file --batch}. A blob
   * that is missing is left out.
   */
  Map<String, byte[]> read(List<Blob> blobs) {
    if (blobs.isEmpty()) {
      return Map.of();
    }
    StringBuilder ids = new StringBuilder();
    blobs.forEach(b -> ids.append(b.objectId()).append('\n'));
    ctx.store().write(DIR + "/batch", ids.toString().getBytes(StandardCharsets.US_ASCII));
    ShellResult r = ctx.shell("git cat-file --batch < " + DIR + "/batch > " + DIR + "/batch.out");
    if (r.failed()) {
      throw SecurityException.invalid(
          "security_git_failed", "cannot read the repository's objects: " + r.stderr().strip());
    }
    byte[] out = ctx.store().read(DIR + "/batch.out");
    return parseBatch(out);
  }

  /** {@code <oid> <type> <size>\n<bytes>\n} repeated; {@code <oid> missing\n} for none. */
  static Map<String, byte[]> parseBatch(byte[] out) {
    Map<String, byte[]> blobs = new LinkedHashMap<>();
    int at = 0;
    while (at < out.length) {
      int eol = indexOf(out, (byte) '\n', at);
      if (eol < 0) {
        break;
      }
      String[] header = new String(out, at, eol - at, StandardCharsets.US_ASCII).split(" ");
      at = eol + 1;
      if (header.length != 3) {
        continue; // "<oid> missing"
      }
      if (!SIZE.matcher(header[2]).matches() || header[2].length() > 9) {
        break; // not git's format: nothing after it can be trusted to line up
      }
      int size = Integer.parseInt(header[2]);
      if (at + size > out.length) {
        break;
      }
      blobs.put(header[0], java.util.Arrays.copyOfRange(out, at, at + size));
      at += size + 1;
    }
    return blobs;
  }

  /** One blob's bytes ({@code objectId} is checked: safe in a command). */
  byte[] readOne(String objectId) {
    if (!OID.matcher(objectId).matches()) {
      throw new IllegalArgumentException("not an object id: " + objectId);
    }
    return read(List.of(new Blob(objectId, "", 0))).getOrDefault(objectId, new byte[0]);
  }

  /** Removes the scan's scratch files. */
  void cleanUp() {
    ctx.shell("rm -rf " + DIR);
  }

  private List<String> lines(String path) {
    String text = new String(ctx.store().read(path), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return out;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
