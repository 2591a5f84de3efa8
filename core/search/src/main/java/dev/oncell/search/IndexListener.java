package dev.oncell.search;

/**
 * Hears how an index run progresses: after each batch of files is written and as embeddings catch
 * up in the background. Called from the indexing threads; must be quick and must not throw.
 */
@FunctionalInterface
public interface IndexListener {

  /** Hears nothing. */
  IndexListener NONE = status -> {};

  void progress(IndexStatus status);
}
