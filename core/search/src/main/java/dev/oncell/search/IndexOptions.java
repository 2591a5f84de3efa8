package dev.oncell.search;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link CodeIndex} is built.
 *
 * @param chunker cuts files into chunks
 * @param embedder the model for the vector side of hybrid search; empty for a keyword-only index
 * @param listener hears progress
 * @param maxFileBytes files larger than this are skipped (generated bundles, data dumps)
 */
public record IndexOptions(
    Chunker chunker, Optional<Embedder> embedder, IndexListener listener, long maxFileBytes) {

  /** Files above 1 MB are rarely source code a person wrote. */
  public static final long DEFAULT_MAX_FILE_BYTES = 1 << 20;

  public IndexOptions {
    Objects.requireNonNull(chunker, "chunker");
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(listener, "listener");
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
    }
  }

  /** The standard chunker, keyword-only, no listener, 1 MB files at most. */
  public static IndexOptions defaults() {
    return new IndexOptions(
        Chunker.standard(), Optional.empty(), IndexListener.NONE, DEFAULT_MAX_FILE_BYTES);
  }

  public IndexOptions withEmbedder(Optional<Embedder> embedder) {
    return new IndexOptions(chunker, embedder, listener, maxFileBytes);
  }

  public IndexOptions withChunker(Chunker chunker) {
    return new IndexOptions(chunker, embedder, listener, maxFileBytes);
  }

  public IndexOptions withListener(IndexListener listener) {
    return new IndexOptions(chunker, embedder, listener, maxFileBytes);
  }

  public IndexOptions withMaxFileBytes(long maxFileBytes) {
    return new IndexOptions(chunker, embedder, listener, maxFileBytes);
  }
}
