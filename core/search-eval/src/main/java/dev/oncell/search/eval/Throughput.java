package dev.oncell.search.eval;

import dev.oncell.search.internal.embed.ModelSpec;
import dev.oncell.search.internal.embed.OnnxEmbedder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Embedding throughput, texts per second of {@code embed(list)}, for short (~50 tokens) and long
 * (~550 tokens) code chunks, with pool threads x ONNX threads of 1x1, 2x1, 1x2 and 2x2; best of
 * three rounds each.
 */
final class Throughput {

  private static final int[][] CONFIGURATIONS = {{1, 1}, {2, 1}, {1, 2}, {2, 2}};

  private Throughput() {}

  static void run(List<String> models, PrintStream out) {
    out.println("| model | pool x ONNX threads | ~50-token chunks/s | ~550-token chunks/s |");
    out.println("|---|---|---:|---:|");
    for (String model : models) {
      ModelSpec spec = EvalModels.spec(model);
      for (int[] threads : CONFIGURATIONS) {
        try (OnnxEmbedder embedder = OnnxEmbedder.open(spec, threads[0], threads[1])) {
          double shortRate = rate(embedder, shortChunks(120), 120);
          double longRate = rate(embedder, longChunks(30), 30);
          out.printf(
              Locale.ROOT,
              "| %s | %d x %d | %.1f | %.1f |%n",
              spec.name(),
              threads[0],
              threads[1],
              shortRate,
              longRate);
        }
      }
    }
  }

  /** The best of three rounds: other work on a shared machine only ever slows a round down. */
  private static double rate(OnnxEmbedder embedder, List<String> texts, int count) {
    embedder.embed(texts.subList(0, 8)); // warm up
    double best = 0;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      embedder.embed(texts.subList(0, count));
      best = Math.max(best, count / ((System.nanoTime() - start) / 1e9));
    }
    return best;
  }

  /** A four-line method, about 50 word pieces. */
  static List<String> shortChunks(int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add(
          "/** Verifies the JWT signature. */\npublic boolean verifyToken"
              + i
              + "(String jwt) {\n  return parser.parse(jwt).isValid(clock.now());\n}\n");
    }
    return texts;
  }

  /** A method of 15 lines, about 550 word pieces: longer than any window. */
  static List<String> longChunks(int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder text =
          new StringBuilder("public void process" + i + "(Request request, User user) {\n");
      for (int line = 0; line < 13; line++) {
        text.append(
                "    if (token == null || token.isBlank()) { throw new IllegalArgumentException(\"empty token for \" + user")
            .append(line)
            .append(".name()); }\n");
      }
      texts.add(text.append("}\n").toString());
    }
    return texts;
  }
}
