package dev.oncell.lsp;

import dev.oncell.client.CustomerFiles;
import dev.oncell.client.OncellApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The cell's files the editor has open ({@code didOpen}/{@code didClose}) and the version it last
 * read or wrote of each, so that after a run the server can tell which open files the run changed.
 * Bounded: at most {@link #MAX_TRACKED} versions are kept.
 */
final class OpenDocuments {

  static final int MAX_TRACKED = 10_000;

  private final Set<String> open = new ConcurrentSkipListSet<>();
  private final Map<String, String> versions = new ConcurrentSkipListMap<>();

  void opened(String path) {
    if (open.size() < MAX_TRACKED) {
      open.add(path);
    }
  }

  boolean anyOpen() {
    return !open.isEmpty();
  }

  void closed(String path) {
    open.remove(path);
    versions.remove(path);
  }

  /** The version the editor now has of {@code path} (from a read or its own write). */
  void saw(String path, Optional<String> version) {
    if (version.isEmpty()) {
      versions.remove(path);
    } else if (versions.size() < MAX_TRACKED || versions.containsKey(path)) {
      versions.put(path, version.get());
    }
  }

  /**
   * The open files whose version in the cell differs from the one the editor saw, in path order;
   * each is then taken as seen, so it is reported once.
   */
  List<OncellEditor.FileChanged> changedIn(CustomerFiles files, CellUris uris) {
    List<OncellEditor.FileChanged> changed = new ArrayList<>();
    for (String path : open) {
      String seen = versions.get(path);
      if (seen == null) {
        continue;
      }
      Optional<String> now;
      boolean deleted = false;
      try {
        // Bounded: a file that grew huge in the cell is not read into this JVM, only reported.
        now = files.readVersioned(path, FileRequests.MAX_FILE_BYTES).version();
      } catch (OncellApiException e) {
        if (e.status() == 404) {
          deleted = true;
        } else if (e.status() != 413) {
          continue; // unknown now: check again after the next run
        }
        now = Optional.empty();
      }
      if (now.isPresent() && now.get().equals(seen)) {
        continue;
      }
      saw(path, now);
      changed.add(new OncellEditor.FileChanged(uris.uri(path), path, now.orElse(null), deleted));
    }
    return changed;
  }
}
