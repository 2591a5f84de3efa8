package dev.oncell.search.eval;

import dev.oncell.search.SearchMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The evaluation's results as Markdown. */
final class Report {

  /**
   * One index built for the evaluation.
   *
   * @param embedded texts the model embedded (not cached); 0 for keyword-only
   * @param embedSeconds time the model spent on them
   */
  record IndexRun(
      String label,
      String corpus,
      int files,
      int chunks,
      double seconds,
      Optional<String> model,
      long embedded,
      double embedSeconds) {}

  private Report() {}

  static String results(
      String index, List<IndexRun> runs, List<Evaluation.Result> results, int docs, int bugs) {
    StringBuilder md = new StringBuilder();
    md.append("Index: ").append(index).append(".\n\n");
    md.append("| index | corpus | files | chunks | build s | texts embedded | embedded/s |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (IndexRun run : runs) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %d | %.0f | %s | %s |%n",
              run.label(),
              run.corpus(),
              run.files(),
              run.chunks(),
              run.seconds(),
              run.model().isEmpty()
                  ? "-"
                  : run.embedded() == 0 ? "0 (all cached)" : Long.toString(run.embedded()),
              run.embedded() == 0
                  ? "-"
                  : String.format(Locale.ROOT, "%.1f", run.embedded() / run.embedSeconds())));
    }
    md.append("\n### Doc queries (").append(docs).append(", small corpus)\n\n");
    md.append(table(select(results, "small", Query.Kind.DOC)));
    md.append("\n### Bug reports (").append(bugs).append(", small corpus)\n\n");
    md.append(table(select(results, "small", Query.Kind.BUG)));
    List<Evaluation.Result> full = new ArrayList<>(select(results, "full", Query.Kind.DOC));
    full.addAll(select(results, "full", Query.Kind.BUG));
    if (!full.isEmpty()) {
      md.append("\n### Keyword search on the full corpus\n\n");
      md.append(table(full));
    }
    md.append("\n### Findings\n\n");
    findings(results, runs).forEach(line -> md.append("- ").append(line).append('\n'));
    return md.toString();
  }

  static List<Evaluation.Result> select(
      List<Evaluation.Result> results, String corpus, Query.Kind kind) {
    return results.stream().filter(r -> r.corpus().equals(corpus) && r.kind() == kind).toList();
  }

  static String table(List<Evaluation.Result> results) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| configuration | queries | file R@1 | file R@5 | file R@10 | file MRR"
            + " | chunk R@1 | chunk R@5 | chunk R@10 | chunk MRR | ms |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Evaluation.Result r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d%s | %s | %s | %s | %.3f | %s | %s | %s | %.3f | %.1f |%n",
              r.configuration(),
              r.file().queries(),
              r.errors() > 0 ? " (" + r.errors() + " refused)" : "",
              percent(r.file().recall1()),
              percent(r.file().recall5()),
              percent(r.file().recall10()),
              r.file().mrr(),
              percent(r.chunk().recall1()),
              percent(r.chunk().recall5()),
              percent(r.chunk().recall10()),
              r.chunk().mrr(),
              r.medianMillis()));
    }
    return md.toString();
  }

  /** Plain statements computed from the numbers: modes compared per model, models compared. */
  static List<String> findings(List<Evaluation.Result> results, List<IndexRun> runs) {
    List<String> lines = new ArrayList<>();
    List<String> models =
        results.stream().flatMap(r -> r.model().stream()).distinct().sorted().toList();
    for (Query.Kind kind : Query.Kind.values()) {
      String what = kind == Query.Kind.DOC ? "Doc queries" : "Bug reports";
      Optional<Evaluation.Result> keyword =
          find(results, kind, SearchMode.KEYWORD, Optional.empty());
      for (String model : models) {
        Optional<Evaluation.Result> vector =
            find(results, kind, SearchMode.VECTOR, Optional.of(model));
        Optional<Evaluation.Result> hybrid =
            find(results, kind, SearchMode.HYBRID, Optional.of(model));
        if (keyword.isEmpty() || vector.isEmpty() || hybrid.isEmpty()) {
          continue;
        }
        double best = Math.max(keyword.get().file().mrr(), vector.get().file().mrr());
        lines.add(
            String.format(
                Locale.ROOT,
                "%s, %s: the file is in the top 10 for %s with hybrid, %s keyword only, %s vector"
                    + " only; file MRR %.3f, %.3f and %.3f (hybrid minus the better single side:"
                    + " %+.3f).",
                what,
                model,
                percent(hybrid.get().file().recall10()),
                percent(keyword.get().file().recall10()),
                percent(vector.get().file().recall10()),
                hybrid.get().file().mrr(),
                keyword.get().file().mrr(),
                vector.get().file().mrr(),
                hybrid.get().file().mrr() - best));
      }
    }
    List<String> order = results.stream().flatMap(r -> r.model().stream()).distinct().toList();
    for (int b = 1; b < order.size(); b++) {
      for (Query.Kind kind : Query.Kind.values()) {
        Optional<Evaluation.Result> first =
            find(results, kind, SearchMode.HYBRID, Optional.of(order.getFirst()));
        Optional<Evaluation.Result> second =
            find(results, kind, SearchMode.HYBRID, Optional.of(order.get(b)));
        if (first.isPresent() && second.isPresent()) {
          lines.add(compare(kind, first.get(), second.get()));
        }
      }
    }
    List<IndexRun> embedding =
        runs.stream()
            .filter(r -> r.model().isPresent() && r.embedded() > 0)
            .sorted(Comparator.comparing(r -> r.model().get()))
            .toList();
    for (IndexRun run : embedding) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s embedded %d chunks at %.1f chunks/s on %d cores.",
              run.model().get(),
              run.embedded(),
              run.embedded() / run.embedSeconds(),
              Runtime.getRuntime().availableProcessors()));
    }
    return lines;
  }

  /** Query by query, which of two configurations ranks the right file higher. */
  static String compare(Query.Kind kind, Evaluation.Result a, Evaluation.Result b) {
    int better = 0;
    int worse = 0;
    for (var entry : a.ranks().entrySet()) {
      Metrics.Ranks other = b.ranks().get(entry.getKey());
      if (other == null) {
        continue;
      }
      int rankA = entry.getValue().file() == 0 ? 11 : entry.getValue().file();
      int rankB = other.file() == 0 ? 11 : other.file();
      if (rankA < rankB) {
        better++;
      } else if (rankA > rankB) {
        worse++;
      }
    }
    return String.format(
        Locale.ROOT,
        "%s, %s vs %s: the right file ranks higher for %d queries, lower for %d, the same for %d.",
        kind == Query.Kind.DOC ? "Doc queries" : "Bug reports",
        a.configuration(),
        b.configuration(),
        better,
        worse,
        a.ranks().size() - better - worse);
  }

  private static Optional<Evaluation.Result> find(
      List<Evaluation.Result> results, Query.Kind kind, SearchMode mode, Optional<String> model) {
    return results.stream()
        .filter(
            r ->
                r.corpus().equals("small")
                    && r.kind() == kind
                    && r.mode() == mode
                    && (model.isEmpty() || r.model().equals(model)))
        .findFirst();
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  /** Files and lines of the full corpus per project (the first folder of a path). */
  static String projects(Corpus.Selection selection) {
    Map<String, int[]> counts = new TreeMap<>();
    selection
        .full()
        .forEach(
            (path, text) -> {
              int[] count = counts.computeIfAbsent(path.split("/")[0], p -> new int[3]);
              count[0]++;
              count[1] += (int) text.lines().count();
              if (selection.small().containsKey(path)) {
                count[2]++;
              }
            });
    StringBuilder md =
        new StringBuilder("| project | files | lines | files in the small corpus |\n");
    md.append("|---|---:|---:|---:|\n");
    counts.forEach(
        (project, count) ->
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %,d | %d |%n",
                    project,
                    count[0],
                    count[1],
                    count[2])));
    return md.toString();
  }
}
