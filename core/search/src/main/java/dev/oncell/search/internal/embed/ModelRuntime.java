package dev.oncell.search.internal.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.oncell.search.SearchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One loaded model: the ONNX session, its tokenizer and the pool that runs it, shared by every
 * {@link OnnxEmbedder} of the same model and thread count, and released when the last one closes.
 * The graph alone is ~90 MB of memory, so it is loaded once per process.
 */
final class ModelRuntime {

  private static final Map<String, ModelRuntime> OPEN = new HashMap<>();
  private static final Pattern TRUNCATION =
      Pattern.compile("\"truncation\"\\s*:\\s*(?:null|\\{[^{}]*})");
  private static final String TRUNCATE_512 =
      "\"truncation\": {\"direction\": \"Right\", \"max_length\": 512,"
          + " \"strategy\": \"LongestFirst\", \"stride\": 0}";
  private static final Pattern PADDING =
      Pattern.compile("\"padding\"\\s*:\\s*\\{(?:[^{}]|\\{[^{}]*})*}");

  private final String key;
  private final ModelSpec spec;
  private final OrtSession session;
  private final HuggingFaceTokenizer windowTokenizer;
  private final ExecutorService executor;
  private final Model model;
  private final TokenWindows windows;
  private int references;

  private ModelRuntime(String key, ModelSpec spec, int threads, int onnxThreads) {
    this.key = key;
    this.spec = spec;
    NativeFiles.keepUnderTmpdir();
    byte[] graph = resource(spec.modelResource());
    byte[] tokenizerJson = forWindows(resource(spec.tokenizerResource()));
    OrtSession opened = null;
    HuggingFaceTokenizer tokenizer = null;
    try {
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        // LangChain4j runs one text per task, so parallelism comes from the pool; the session's
        // default of a thread per core on top of that oversubscribes a small machine (measured in
        // the README: 2 pool threads x 1 ONNX thread was fastest on 2 cores).
        options.setIntraOpNumThreads(onnxThreads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        opened = environment.createSession(graph, options);
      }
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              new ByteArrayInputStream(tokenizerJson),
              Map.of("padding", "false", "truncation", "false"));
      this.windows = new TokenWindows(tokenizer, spec.windowTokens() - 2);
      this.executor = pool(spec.name(), threads);
      this.model =
          new Model(
              new OnnxBertBiEncoder(
                  environment, opened, new ByteArrayInputStream(tokenizerJson), spec.pooling()),
              executor,
              spec.dimension());
    } catch (OrtException | IOException | RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      closeQuietly(opened);
      throw new SearchException("cannot load embedding model " + spec.name(), false, e);
    }
    this.session = opened;
    this.windowTokenizer = tokenizer;
  }

  /**
   * The shared runtime of {@code spec} run by a pool of {@code threads} threads, each inference on
   * {@code onnxThreads} ONNX threads; loaded on first use.
   */
  static ModelRuntime acquire(ModelSpec spec, int threads, int onnxThreads) {
    String key = spec + "/" + threads + "/" + onnxThreads;
    synchronized (OPEN) {
      ModelRuntime runtime = OPEN.get(key);
      if (runtime == null) {
        runtime = new ModelRuntime(key, spec, threads, onnxThreads);
        OPEN.put(key, runtime);
      }
      runtime.references++;
      return runtime;
    }
  }

  /** Gives back one {@link #acquire}; the last one closes the session and stops the pool. */
  void release() {
    synchronized (OPEN) {
      if (--references > 0) {
        return;
      }
      OPEN.remove(key);
    }
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    windowTokenizer.close();
    closeQuietly(session);
  }

  ModelSpec spec() {
    return spec;
  }

  AbstractInProcessEmbeddingModel model() {
    return model;
  }

  TokenWindows windows() {
    return windows;
  }

  /** LangChain4j's in-process model around our own session: one text per task on our pool. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;
    private final int dimension;

    Model(OnnxBertBiEncoder encoder, ExecutorService executor, int dimension) {
      super(executor);
      this.encoder = encoder;
      this.dimension = dimension;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return dimension;
    }
  }

  private static ExecutorService pool(String model, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread =
                  new Thread(task, "oncell-embed-" + model + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * The tokenizer file of all-MiniLM-L6-v2 truncates and pads to 128 tokens, and DJL derives a
   * truncation at 128 from either, which would silently drop the rest of every longer text before
   * LangChain4j could split it. Padding goes, and truncation is set to 512 tokens, the longest
   * window a model here reads: {@link TokenWindows} cuts texts to the window before they get here.
   */
  static byte[] forWindows(byte[] tokenizerJson) {
    String json = new String(tokenizerJson, StandardCharsets.UTF_8);
    String patched = TRUNCATION.matcher(json).replaceFirst(Matcher.quoteReplacement(TRUNCATE_512));
    patched = PADDING.matcher(patched).replaceFirst("\"padding\": null");
    return patched.equals(json) ? tokenizerJson : patched.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) {
    ClassLoader loader = ModelRuntime.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new SearchException(
            "embedding model resource " + name + " is not on the class path", false);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(OrtSession session) {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing left to do with a session that will not close.
    }
  }
}
