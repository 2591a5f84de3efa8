package dev.oncell.examples.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The questions the agent understands: keywords, the shell command over {@code data/sales.csv} that
 * answers them, and how to word its output. Checked in order; the first whose keyword occurs in the
 * question wins.
 */
enum Analysis {
  TOTAL_REVENUE(
      List.of("total revenue", "revenue in total", "sum of revenue"),
      "awk -F, 'NR > 1 { s += $5 } END { printf \"%.2f\\n\", s }' " + DataAnalysisAgent.DATASET,
      rows -> "The total revenue is " + rows.getFirst() + "."),
  TOP_REGION(
      List.of("top region", "best region"),
      "awk -F, 'NR > 1 { r[$2] += $5 } END { for (k in r) printf \"%.2f %s\\n\", r[k], k }' "
          + DataAnalysisAgent.DATASET
          + " | sort -k1,1nr -k2",
      rows -> {
        String[] top = rows.getFirst().split(" ", 2);
        return "The top region is " + top[1] + " with a revenue of " + top[0] + ".";
      }),
  PRODUCTS(
      List.of("products", "what do we sell"),
      "tail -n +2 " + DataAnalysisAgent.DATASET + " | cut -d, -f3 | sort -u",
      rows -> "The products are " + String.join(", ", rows) + "."),
  ROW_COUNT(
      List.of("how many rows", "count"),
      "tail -n +2 " + DataAnalysisAgent.DATASET + " | wc -l",
      rows -> "The dataset has " + rows.getFirst().strip() + " rows.");

  private final List<String> keywords;
  private final String command;
  private final Function<List<String>, String> wording;

  Analysis(List<String> keywords, String command, Function<List<String>, String> wording) {
    this.keywords = keywords;
    this.command = command;
    this.wording = wording;
  }

  static Optional<Analysis> of(String question) {
    String q = question.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(a -> a.keywords.stream().anyMatch(q::contains))
        .findFirst();
  }

  /** The questions understood, one example each, for an answer to an unknown question. */
  static String questions() {
    return Arrays.stream(values())
        .map(a -> "\"" + a.keywords.getFirst() + "\"")
        .collect(Collectors.joining(", "));
  }

  String command() {
    return command;
  }

  /** Words the command's output, which has at least one line. */
  String answer(List<String> rows) {
    return wording.apply(rows);
  }
}
