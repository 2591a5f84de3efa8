package dev.oncell.search.internal.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.oncell.search.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link Embedder} over an ONNX model that runs in process through LangChain4j. Each text is cut
 * into windows of the model's size ({@link ModelSpec#windowTokens()}), every window is embedded as
 * one task on a pool of {@code threads} threads (one ONNX thread each; a single window runs on the
 * calling thread, so a query does not wait behind an index run), and the windows' vectors are
 * averaged, weighted by their tokens, and scaled to unit length (or, for the evaluation's {@link
 * ModelSpec.LongTexts#FIRST_WINDOW}, only the first window is read). Thread-safe.
 */
public final class OnnxEmbedder implements Embedder {

  private final ModelRuntime runtime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OnnxEmbedder(ModelRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * An embedder of {@code spec}, sharing the loaded model with the other open embedders of the same
   * spec and thread count.
   *
   * @throws dev.oncell.search.SearchException (not invalid) when the model's jar is missing or does
   *     not load
   */
  public static OnnxEmbedder open(ModelSpec spec, int threads) {
    return open(spec, threads, 1);
  }

  /**
   * As {@link #open(ModelSpec, int)}, with {@code onnxThreads} threads inside each inference (for
   * measuring; 1 is best when the pool already has a thread per core).
   */
  public static OnnxEmbedder open(ModelSpec spec, int threads, int onnxThreads) {
    Objects.requireNonNull(spec, "spec");
    if (threads < 1 || onnxThreads < 1) {
      throw new IllegalArgumentException(
          "threads must be positive: " + threads + " pool, " + onnxThreads + " ONNX");
    }
    return new OnnxEmbedder(ModelRuntime.acquire(spec, threads, onnxThreads));
  }

  /** Two threads, or one on a single core: what embedded fastest on 2 cores. */
  public static int defaultThreads() {
    return Math.min(2, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public String name() {
    return runtime.spec().name();
  }

  @Override
  public int dimension() {
    return runtime.spec().dimension();
  }

  /**
   * @throws IllegalArgumentException for a blank text, which has nothing to embed
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public List<float[]> embed(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    if (closed.get()) {
      throw new IllegalStateException("embedder " + name() + " is closed");
    }
    if (texts.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = new ArrayList<>();
    int[][] weights = new int[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      String text = Objects.requireNonNull(texts.get(i), "texts[" + i + "]");
      List<TokenWindows.Piece> pieces = runtime.windows().split(text);
      if (pieces.isEmpty()) {
        throw new IllegalArgumentException("cannot embed a blank text (texts[" + i + "])");
      }
      if (runtime.spec().longTexts() == ModelSpec.LongTexts.FIRST_WINDOW) {
        pieces = pieces.subList(0, 1);
      }
      weights[i] = new int[pieces.size()];
      for (int p = 0; p < pieces.size(); p++) {
        segments.add(TextSegment.from(pieces.get(p).text()));
        weights[i][p] = pieces.get(p).tokens();
      }
    }
    List<Embedding> embedded = runtime.model().embedAll(segments).content();
    List<float[]> vectors = new ArrayList<>(texts.size());
    int next = 0;
    for (int[] textWeights : weights) {
      float[] sum = new float[dimension()];
      for (int weight : textWeights) {
        float[] piece = embedded.get(next++).vector();
        for (int d = 0; d < sum.length; d++) {
          sum[d] += piece[d] * weight;
        }
      }
      vectors.add(unit(sum));
    }
    return vectors;
  }

  /** Releases this embedder's share of the model; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      runtime.release();
    }
  }

  private static float[] unit(float[] vector) {
    double squares = 0;
    for (float v : vector) {
      squares += (double) v * v;
    }
    float norm = (float) Math.sqrt(squares);
    if (norm > 0) {
      for (int d = 0; d < vector.length; d++) {
        vector[d] /= norm;
      }
    }
    return vector;
  }
}
