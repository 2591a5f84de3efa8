package dev.oncell.runtime.internal.cell;

import dev.oncell.search.CodeIndex;
import dev.oncell.search.Embedder;
import dev.oncell.search.IndexListener;
import dev.oncell.search.IndexOptions;
import dev.oncell.search.IndexStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cell's code index, opened on first use rather than on wake so that waking stays fast for
 * cells that never search. Part of {@link CellHandles}: closed when the cell pauses.
 */
public final class CellIndex implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CellIndex.class.getName());

  private final Path indexDir;
  private final Path work;
  private final Supplier<Optional<Embedder>> embedder;
  private final List<IndexListener> listeners = new CopyOnWriteArrayList<>();
  private CodeIndex index; // guarded by this

  CellIndex(Path indexDir, Path work, Supplier<Optional<Embedder>> embedder) {
    this.indexDir = indexDir;
    this.work = work;
    this.embedder = embedder;
  }

  synchronized CodeIndex get() {
    if (index == null) {
      IndexOptions options =
          IndexOptions.defaults().withEmbedder(embedder.get()).withListener(this::progress);
      index = CodeIndex.open(indexDir, work, options);
    }
    return index;
  }

  /** Runs {@code body} with {@code listener} hearing the index's progress meanwhile. */
  <T> T listening(IndexListener listener, Supplier<T> body) {
    listeners.add(listener);
    try {
      return body.get();
    } finally {
      listeners.remove(listener);
    }
  }

  /** Opens the index now if an index run was cut short by a pause or a crash, so it resumes. */
  void resumePending() {
    try {
      if (CodeIndex.hasPendingWork(indexDir)) {
        get();
      }
    } catch (RuntimeException e) {
      // Waking must not fail over the index: the next search opens it again and says what is wrong.
      LOG.log(Level.WARNING, "cannot resume indexing in " + indexDir + ": " + e.getMessage(), e);
    }
  }

  private void progress(IndexStatus status) {
    for (IndexListener listener : listeners) {
      try {
        listener.progress(status);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "an index progress listener failed", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (index != null) {
      index.close();
      index = null;
    }
  }
}
