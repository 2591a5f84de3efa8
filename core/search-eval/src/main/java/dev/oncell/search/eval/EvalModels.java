package dev.oncell.search.eval;

import dev.oncell.search.Embedder;
import dev.oncell.search.Embedders;
import dev.oncell.search.internal.embed.ModelSpec;
import dev.oncell.search.internal.embed.OnnxEmbedder;
import java.util.List;
import java.util.Map;

/**
 * The embedding models the evaluation compares, by short name: {@code minilm} (the one oncell
 * ships, through {@link Embedders#standard()}) and {@code bge} (bge-small-en-v1.5, whose jar only
 * this module depends on). {@code name@N} reads the model in windows of N tokens instead.
 */
final class EvalModels {

  static final List<String> DEFAULT = List.of("minilm", "bge");

  private static final Map<String, ModelSpec> SPECS =
      Map.of("minilm", ModelSpec.ALL_MINILM_L6_V2, "bge", ModelSpec.BGE_SMALL_EN_V15);

  private EvalModels() {}

  static ModelSpec spec(String name) {
    String base = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
    ModelSpec spec = SPECS.get(base);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown model " + name + "; known: " + SPECS.keySet() + " (with @window optional)");
    }
    return name.contains("@")
        ? spec.withWindowTokens(Integer.parseInt(name.substring(name.indexOf('@') + 1)))
        : spec;
  }

  /** A new embedder of the model called {@code name}, to close. */
  static Embedder open(String name) {
    if (name.equals("minilm")) {
      return Embedders.standard();
    }
    return OnnxEmbedder.open(spec(name), OnnxEmbedder.defaultThreads());
  }
}
