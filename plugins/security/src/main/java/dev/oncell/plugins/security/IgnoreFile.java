package dev.oncell.plugins.security;

import dev.oncell.agent.FileStore;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The repository's {@code .gitleaksignore}: one fingerprint a line ({@code #} starts a comment). It
 * takes gitleaks' own forms, {@code file:rule:line} and {@code commit:file:rule:line}, and this
 * agent's fingerprints. Blobs are scanned by object id, not per commit, so a commit-qualified entry
 * is matched by its file, rule and line.
 */
final class IgnoreFile {

  static final String NAME = ".gitleaksignore";
  private static final int MAX_BYTES = 1 << 20;

  private final Set<String> entries;

  private IgnoreFile(Set<String> entries) {
    this.entries = entries;
  }

  static IgnoreFile read(FileStore store) {
    Set<String> entries = new TreeSet<>();
    if (store.exists(NAME) && !store.isDirectory(NAME)) {
      byte[] bytes = store.read(NAME);
      String text = new String(bytes, 0, Math.min(bytes.length, MAX_BYTES), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        entries.add(entry);
        // commit:file:rule:line -> file:rule:line
        if (entry.matches("[0-9a-f]{7,64}:.+:.+:[0-9]+")) {
          entries.add(entry.substring(entry.indexOf(':') + 1));
        }
      }
    }
    return new IgnoreFile(entries);
  }

  boolean ignores(Finding f) {
    return entries.contains(f.fingerprint())
        || entries.contains(f.file() + ":" + f.rule() + ":" + f.line());
  }
}
