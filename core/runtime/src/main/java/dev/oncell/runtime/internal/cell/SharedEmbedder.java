package dev.oncell.runtime.internal.cell;

import dev.oncell.search.Embedder;
import dev.oncell.search.Embedders;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's one embedding model, shared by every cell's index and loaded on first use: a model
 * takes about 100 MB and a second to load, which cells that never search should not pay.
 */
public final class SharedEmbedder implements Supplier<Optional<Embedder>>, AutoCloseable {

  /** The model name that turns embeddings off: indexes are keyword-only. */
  static final String NONE = "none";

  private final String model;
  private Optional<Embedder> embedder; // guarded by this; null until first use

  /**
   * @throws IllegalArgumentException for a model this build does not ship, so that a typo stops the
   *     server at start rather than the first search
   */
  public SharedEmbedder(String model) {
    if (!model.equals(NONE) && !Embedders.names().contains(model)) {
      throw new IllegalArgumentException(
          "unknown embedding model '"
              + model
              + "': this build ships "
              + String.join(", ", Embedders.names())
              + " (or '"
              + NONE
              + "' for keyword-only search)");
    }
    this.model = model;
  }

  @Override
  public synchronized Optional<Embedder> get() {
    if (embedder == null) {
      embedder = model.equals(NONE) ? Optional.empty() : Optional.of(Embedders.named(model));
    }
    return embedder;
  }

  @Override
  public synchronized void close() {
    if (embedder != null) {
      embedder.ifPresent(Embedder::close);
      embedder = null;
    }
  }
}
