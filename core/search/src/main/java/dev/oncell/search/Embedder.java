package dev.oncell.search;

import java.util.List;

/**
 * Turns texts into dense vectors for the KNN side of hybrid search. Implementations run in process
 * (no outside service) and are thread-safe.
 */
public interface Embedder extends AutoCloseable {

  /** A stable name, stored with the index so that vectors of another model are never mixed in. */
  String name();

  /** Length of every vector this embedder returns. */
  int dimension();

  /** One unit-length vector per text, in order. */
  List<float[]> embed(List<String> texts);

  @Override
  default void close() {}
}
