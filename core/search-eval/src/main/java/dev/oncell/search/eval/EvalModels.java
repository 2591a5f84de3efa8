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
 * this module depends on). {@code name@N} reads the model in windows of N tokens instead, {@code
 * name-first} (or {@code name@N-first}) only the first window of a long text.
 */
final class EvalModels {

  static final List<String> DEFAULT = List.of("minilm", "bge", "minilm-first");

  private static final Map<String, ModelSpec> SPECS =
      Map.of("minilm", ModelSpec.ALL_MINILM_L6_V2, "bge", ModelSpec.BGE_SMALL_EN_V15);

  private EvalModels() {}

  static ModelSpec spec(String name) {
    boolean first = name.endsWith("-first");
    String rest = first ? name.substring(0, name.length() - "-first".length()) : name;
    String base = rest.contains("@") ? rest.substring(0, rest.indexOf('@')) : rest;
    ModelSpec spec = SPECS.get(base);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown model " + name + "; known: " + SPECS.keySet() + ", as name[@window][-first]");
    }
    if (rest.contains("@")) {
      spec = spec.withWindowTokens(Integer.parseInt(rest.substring(rest.indexOf('@') + 1)));
    }
    return first ? spec.withFirstWindowOnly() : spec;
  }

  /** The file of cached vectors of a spec: by name, window and long-text handling. */
  static String cacheFile(ModelSpec spec) {
    return spec.name()
        + "@"
        + spec.windowTokens()
        + (spec.longTexts() == ModelSpec.LongTexts.FIRST_WINDOW ? "-first" : "")
        + ".vectors";
  }

  /** A new embedder of the model called {@code name}, to close. */
  static Embedder open(String name) {
    if (name.equals("minilm")) { // the shipped path, not just the same spec
      return Embedders.standard();
    }
    return OnnxEmbedder.open(spec(name), OnnxEmbedder.defaultThreads());
  }
}
