package dev.oncell.search;

import dev.oncell.search.internal.embed.ModelSpec;
import dev.oncell.search.internal.embed.OnnxEmbedder;
import java.util.List;
import java.util.Objects;

/**
 * The embedding models that ship with oncell: in process, inside a Maven artifact, nothing
 * downloaded at run time. Exactly one ships, because each costs ~90 MB of jar; {@code
 * docs/search-eval.md} measures why it is this one.
 */
public final class Embedders {

  /**
   * all-MiniLM-L6-v2 (sentence-transformers; 384 dimensions, read in windows of 128 tokens whose
   * vectors are averaged for longer texts).
   */
  public static final String STANDARD = "all-minilm-l6-v2";

  private static final List<ModelSpec> MODELS = List.of(ModelSpec.ALL_MINILM_L6_V2);

  private Embedders() {}

  /**
   * The standard model. Every call returns a new embedder to {@link Embedder#close() close}; they
   * share one loaded model and one pool of two threads per process.
   *
   * @throws SearchException (not invalid) if the model does not load
   */
  public static Embedder standard() {
    return named(STANDARD);
  }

  /**
   * The model called {@code name}, one of {@link #names()}.
   *
   * @throws SearchException (invalid, code {@code unknown_model}) for another name
   */
  public static Embedder named(String name) {
    Objects.requireNonNull(name, "name");
    for (ModelSpec spec : MODELS) {
      if (spec.name().equals(name)) {
        return OnnxEmbedder.open(spec, OnnxEmbedder.defaultThreads());
      }
    }
    throw SearchException.invalid(
        "unknown_model",
        "unknown embedding model '" + name + "'; known models: " + String.join(", ", names()));
  }

  /** The names {@link #named} knows. */
  public static List<String> names() {
    return MODELS.stream().map(ModelSpec::name).toList();
  }
}
